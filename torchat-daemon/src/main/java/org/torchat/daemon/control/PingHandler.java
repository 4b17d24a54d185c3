package org.torchat.daemon.control;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.Replies;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.session.SessionService;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/**
 * PING (contact's address or nickname in {@code id}): one echo over the session with that contact. END carries the
 * round trip in {@code rtt} (milliseconds) and the session's id in {@code msg}; ERR when there is no session or no
 * answer within {@link #TIMEOUT}. It measures the path a message takes, without storing anything.
 */
public final class PingHandler implements CommandHandler {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final SessionService sessions;
    private final PeerResolver peers;

    public PingHandler(SessionService sessions, PeerResolver peers) {
        this.sessions = sessions;
        this.peers = peers;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws RequestException, IOException {
        OnionAddress peer = peers.resolve(request.id(), "id");
        Duration rtt;
        try {
            rtt = sessions.roundTrip(peer, TIMEOUT);
        } catch (TimeoutException e) {
            throw new RequestException(peer + " did not answer within " + TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RequestException("the daemon is stopping");
        } catch (IOException e) {
            throw new RequestException(e.getMessage());
        }
        double millis = Math.round(rtt.toNanos() / 1e5) / 10.0;
        replies.send(Replies.end(peer.hostname(), request.portno(), String.valueOf(sessions.sessionId(peer)))
                .withExtension(Extensions.ROUND_TRIP, JsonNodeFactory.instance.numberNode(millis)));
    }
}
