package org.torchat.daemon.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torchat.daemon.logging.WarningDigest;
import org.torchat.protocol.Command;
import org.torchat.protocol.FrameException;
import org.torchat.protocol.FrameReader;
import org.torchat.protocol.FrameWriter;
import org.torchat.protocol.InvalidMessageException;
import org.torchat.protocol.Message;
import org.torchat.protocol.MessageCodec;
import org.torchat.protocol.onion.OnionAddress;

/**
 * Serves one connection of the seed protocol over plain streams: read one frame, decode it, dispatch it,
 * write the replies. Every failure becomes an ERR frame and a warning; nothing escapes to the caller except I/O
 * errors on the connection itself. Warnings go through a {@link WarningDigest}: anyone who can connect can cause
 * them, so past a few a minute they are only counted.
 */
public final class ConnectionProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionProcessor.class);
    /** Enough to see what is going on; a flood adds one summary line a minute beyond these ({@code logwarnings}). */
    public static final int WARNINGS_PER_MINUTE = 20;

    private final String listenerName;
    private final Dispatcher dispatcher;
    private final OnionAddress self;
    private final int maxPayload;
    private final ControlAuthenticator authenticator;
    private final WarningDigest warnings;

    public ConnectionProcessor(String listenerName, Dispatcher dispatcher, OnionAddress self, int maxPayload) {
        this(listenerName, dispatcher, self, maxPayload, ControlAuthenticator.OPEN, digest(WARNINGS_PER_MINUTE));
    }

    /**
     * {@code authenticator} checks every request before it is dispatched (the control token); {@code warnings}
     * takes the warnings about this listener's connections.
     */
    public ConnectionProcessor(
            String listenerName,
            Dispatcher dispatcher,
            OnionAddress self,
            int maxPayload,
            ControlAuthenticator authenticator,
            WarningDigest warnings) {
        this.listenerName = listenerName;
        this.dispatcher = dispatcher;
        this.self = self;
        this.maxPayload = maxPayload;
        this.authenticator = authenticator;
        this.warnings = warnings;
    }

    /** The warnings of one listener: {@code perMinute} a minute one by one, the rest counted. */
    public static WarningDigest digest(int perMinute) {
        return new WarningDigest(LOG, perMinute, 60_000, System::currentTimeMillis);
    }

    public void process(InputStream in, OutputStream out, String remote) throws IOException {
        process(in, out, remote, () -> {}, ReadDeadline.NONE);
    }

    /**
     * {@code requestRead} runs once the request frame has arrived whole (the listener then stops counting the
     * connection as one that has sent nothing yet); {@code deadline} gives each further frame of a streaming
     * command the whole read deadline again (or a session's longer one).
     */
    public void process(InputStream in, OutputStream out, String remote, Runnable requestRead, ReadDeadline deadline)
            throws IOException {
        FrameWriter writer = new FrameWriter(out);
        FrameReader reader = new FrameReader(in, maxPayload);
        Optional<Message> request = readRequest(reader, writer, remote);
        requestRead.run();
        if (request.isEmpty()) {
            return;
        }
        Message message = request.get();
        LOG.debug("{} {}: {}", listenerName, remote, message.cmd());
        try {
            authenticator.check(message);
        } catch (RequestException e) {
            // Nothing else happens: no handler runs, and the reply tells nothing about us (not even our address).
            warnings.warn(
                    "unauthenticated " + message.cmd(),
                    "{} {}: {} refused: {}",
                    listenerName,
                    remote,
                    message.cmd(),
                    e.getMessage());
            write(writer, unauthenticatedError(message.portno(), e.getMessage()));
            return;
        }
        try {
            dispatcher.dispatch(message, following(reader, deadline, in), reply -> write(writer, reply));
        } catch (RequestException e) {
            warnings.warn(
                    "refused " + message.cmd(),
                    "{} {}: {} refused: {}",
                    listenerName,
                    remote,
                    message.cmd(),
                    e.getMessage());
            write(writer, Replies.error(self, message.portno(), e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("{} {}: {} failed", listenerName, remote, message.cmd(), e);
            write(writer, Replies.error(self, message.portno(), "internal error while handling " + message.cmd()));
        }
    }

    /** Tells a client that the listener is at its connection limit. */
    public void refuseBusy(OutputStream out, String remote, int limit) throws IOException {
        warnings.warn(
                "connections over the limit",
                "{} {}: refused, {} connections already open",
                listenerName,
                remote,
                limit);
        write(new FrameWriter(out), unauthenticatedError(0, "too many connections (limit " + limit + "); try again"));
    }

    private Optional<Message> readRequest(FrameReader reader, FrameWriter writer, String remote) throws IOException {
        try {
            Optional<String> payload = reader.read();
            if (payload.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(MessageCodec.decode(payload.get()));
        } catch (FrameException e) {
            warnings.warn("bad frames", "{} {}: bad frame ({}): {}", listenerName, remote, e.error(), e.getMessage());
            write(writer, unauthenticatedError(0, "bad frame: " + e.getMessage()));
        } catch (InvalidMessageException e) {
            warnings.warn("bad messages", "{} {}: bad message: {}", listenerName, remote, e.getMessage());
            write(writer, unauthenticatedError(0, "bad message: " + e.getMessage()));
        }
        return Optional.empty();
    }

    /** The frames after the first, for a streaming handler: bad framing or JSON ends the stream with ERR. */
    private static FrameSource following(FrameReader reader, ReadDeadline deadline, InputStream in) {
        return new FrameSource() {
            @Override
            public Optional<Message> next() throws IOException, RequestException {
                deadline.renew();
                return read(reader);
            }

            @Override
            public Optional<Message> next(Duration time) throws IOException, RequestException {
                deadline.renew(time);
                return read(reader);
            }

            @Override
            public boolean ready() {
                try {
                    return in.available() > 0;
                } catch (IOException e) {
                    return false; // the next read says what is wrong
                }
            }

            @Override
            public void close() {
                try {
                    in.close(); // a socket's input: closing it closes the socket and fails a read under way
                } catch (IOException e) {
                    LOG.debug("closing a connection: {}", e.getMessage());
                }
            }
        };
    }

    private static Optional<Message> read(FrameReader reader) throws IOException, RequestException {
        try {
            Optional<String> payload = reader.read();
            return payload.isEmpty() ? Optional.empty() : Optional.of(MessageCodec.decode(payload.get()));
        } catch (FrameException e) {
            throw new RequestException("bad frame: " + e.getMessage());
        } catch (InvalidMessageException e) {
            throw new RequestException("bad message: " + e.getMessage());
        }
    }

    /**
     * An ERR to a client not yet authenticated: where a token is required, its {@code id} is {@code localhost}
     * rather than our onion address, which only those who hold the token may learn.
     */
    private Message unauthenticatedError(int portno, String reason) {
        return authenticator.required()
                ? Message.of(Command.ERR, "localhost", portno, reason)
                : Replies.error(self, portno, reason);
    }

    private static void write(FrameWriter writer, Message reply) throws IOException {
        try {
            writer.write(MessageCodec.encode(reply));
        } catch (FrameException e) {
            // Only a handler bug can produce a reply over 9999 bytes; say so rather than drop the connection.
            throw new IllegalStateException("reply does not fit in a frame: " + e.getMessage(), e);
        }
    }
}
