package org.torchat.daemon.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.torchat.daemon.config.HostPort;
import org.torchat.protocol.Command;
import org.torchat.protocol.DeadlineInputStream;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.FrameException;
import org.torchat.protocol.FrameReader;
import org.torchat.protocol.FrameWriter;
import org.torchat.protocol.Message;
import org.torchat.protocol.MessageCodec;
import org.torchat.protocol.ProtocolException;
import org.torchat.protocol.onion.OnionAddress;

/**
 * Delivers a frame through Tor's SOCKS port: CONNECT to the onion name, write the frame, close our side, and
 * read the peer's answer if it gives one. The whole exchange shares one deadline (an onion circuit can take
 * up to two minutes to build).
 */
public final class SocksDelivery implements Delivery {
    /** How long a peer has to acknowledge once the frame is written (a TORchat peer answers within milliseconds). */
    static final Duration ANSWER_WAIT = Duration.ofSeconds(15);

    private final Supplier<HostPort> proxy;
    private final Duration timeout;

    /** {@code proxy} is asked for each connection: a managed tor's SOCKS port can change when tor restarts. */
    public SocksDelivery(Supplier<HostPort> proxy, Duration timeout) {
        this.proxy = proxy;
        this.timeout = timeout;
    }

    @Override
    public DeliveryOutcome deliver(OnionAddress peer, int port, Message frame) throws DeliveryException {
        try (Socket socket = open(peer, port)) {
            new FrameWriter(socket.getOutputStream()).write(MessageCodec.encode(frame));
            // No half-close here: Tor has no half-closed streams, a FIN would end the stream before the answer.
            return outcome(frame, awaitAnswer(socket));
        } catch (SocketTimeoutException e) {
            throw new DeliveryException("timed out after " + timeout.toSeconds() + " s reaching " + peer, e);
        } catch (IOException e) {
            throw new DeliveryException("connection to " + peer + " failed: " + e.getMessage(), e);
        } catch (ProtocolException e) {
            throw new DeliveryException("the peer answered something unreadable: " + e.getMessage(), e);
        }
    }

    /**
     * A connection to {@code peer:port} through Tor, for exchanges of many frames (file transfer); the caller owns and
     * closes it. Reaching the peer shares one deadline, as in {@link #deliver}.
     */
    public Socket open(OnionAddress peer, int port) throws DeliveryException {
        return open(peer, port, null);
    }

    /**
     * A stream to {@code peer} that shares a Tor circuit only with streams of the same {@code isolation} tag (null:
     * the default, which messages and sessions use).
     */
    public Socket open(OnionAddress peer, int port, String isolation) throws DeliveryException {
        Socket socket = connectToProxy();
        try {
            Socks5Handshake.connect(
                    new DeadlineInputStream(socket, timeout),
                    socket.getOutputStream(),
                    peer.hostname(),
                    port,
                    isolation);
            return socket;
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new DeliveryException("timed out after " + timeout.toSeconds() + " s reaching " + peer, e);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new DeliveryException("connection to " + peer + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The peer's answer, or empty when it closes or stays silent for {@link #ANSWER_WAIT}: the original C daemon
     * never answers and only closes once we do.
     */
    private static Optional<String> awaitAnswer(Socket socket) throws IOException, ProtocolException {
        try {
            return new FrameReader(new DeadlineInputStream(socket, ANSWER_WAIT)).read();
        } catch (FrameException e) {
            if (e.error() == FrameException.Error.TIMEOUT) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Socket connectToProxy() throws DeliveryException {
        HostPort proxy = this.proxy.get();
        Socket socket = new Socket();
        try {
            socket.connect(
                    new InetSocketAddress(proxy.host(), proxy.port()), (int) Math.min(timeout.toMillis(), 10_000));
            socket.setTcpNoDelay(true);
            return socket;
        } catch (IOException e) {
            closeQuietly(socket);
            throw new DeliveryException("cannot reach the Tor SOCKS proxy at " + proxy + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to do with a socket that never connected
        }
    }

    /**
     * END is the peer's acknowledgement: it must name our message's id if it names one. Silence (EOF) is what an
     * original C daemon answers. ERR is a refusal.
     */
    private static DeliveryOutcome outcome(Message frame, Optional<String> answer)
            throws DeliveryException, ProtocolException {
        if (answer.isEmpty()) {
            return DeliveryOutcome.SENT;
        }
        Message reply = MessageCodec.decode(answer.get());
        if (reply.cmd() == Command.ERR) {
            throw new DeliveryException("the peer refused the message: " + reply.msg());
        }
        Optional<String> acked = reply.extension(Extensions.MESSAGE_ID).map(JsonNode::asText);
        Optional<String> sent = frame.extension(Extensions.MESSAGE_ID).map(JsonNode::asText);
        if (reply.cmd() != Command.END || (acked.isPresent() && !acked.equals(sent))) {
            throw new DeliveryException("the peer answered " + reply.cmd() + " for another message");
        }
        return DeliveryOutcome.ACKNOWLEDGED;
    }
}
