package org.torchat.daemon.session;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torchat.daemon.net.Arguments;
import org.torchat.daemon.net.FrameSource;
import org.torchat.daemon.net.Replies;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.net.StreamingHandler;
import org.torchat.daemon.peer.TokenBucket;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;
import org.torchat.protocol.session.SessionException;
import org.torchat.protocol.session.SessionHandshake;
import org.torchat.protocol.session.SessionKeys;

/**
 * SESSION on the peer port: a contact's daemon, or a fellow group member's, opens a session with us. Refusals that
 * cost nothing come first (sessions off, neither contact nor fellow member, blocked: strangers keep one-shot frames under the request rules); then a shared
 * budget of handshakes bounds the key agreement and signature check that anyone claiming a contact's address can
 * make us do. Once both proofs check, this connection's thread reads the session until it ends.
 */
public final class SessionHandler implements StreamingHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SessionHandler.class);
    /** Handshakes a minute, and at once, from everyone together. */
    static final int HANDSHAKES_PER_MINUTE = 120;

    static final int HANDSHAKE_BURST = 60;

    private final Ed25519Identity identity;
    private final boolean enabled;
    private final Predicate<OnionAddress> admitted;
    private final Sessions sessions;
    private final SessionDialer dialer;
    private final TokenBucket handshakes;

    public SessionHandler(
            Ed25519Identity identity,
            boolean enabled,
            Predicate<OnionAddress> admitted,
            Sessions sessions,
            SessionDialer dialer) {
        this.identity = identity;
        this.enabled = enabled;
        this.admitted = admitted;
        this.sessions = sessions;
        this.dialer = dialer;
        this.handshakes = new TokenBucket(
                HANDSHAKES_PER_MINUTE, HANDSHAKE_BURST, sessions.clock().millis());
    }

    @Override
    public void handle(Message hello, FrameSource more, ReplySink replies) throws RequestException, IOException {
        OnionAddress initiator = Arguments.onion(hello.id(), "id");
        if (!enabled) {
            throw new RequestException("sessions are off on this daemon: send one frame per connection");
        }
        if (!admitted.test(initiator)) {
            // Not a warning: someone who has us as a contact before we have them is ordinary, and falls back at once.
            LOG.debug("SESSION from {} refused: not a contact", initiator);
            // proto says we speak sessions: the dialler falls back to one-shot frames without deciding we never will
            replies.send(Replies.error(
                            identity.onionAddress(),
                            hello.portno(),
                            "sessions are only for contacts: send RECV, one frame per connection")
                    .withExtension(Extensions.PROTO, JsonNodeFactory.instance.numberNode(Extensions.PROTOCOL_VERSION)));
            return;
        }
        if (!takeHandshake()) {
            throw new RequestException("too many session handshakes; try again later");
        }
        SessionHandshake.Responder handshake = new SessionHandshake.Responder(identity, hello.portno());
        SessionKeys keys;
        try {
            replies.send(handshake.challenge(hello, initiator));
            Message proof = more.next()
                    .orElseThrow(() -> new RequestException("the connection closed during the session handshake"));
            keys = handshake.verify(proof);
        } catch (SessionException e) {
            LOG.info("session handshake from {} refused: {}", initiator, e.getMessage());
            throw new RequestException("session refused: " + e.getMessage());
        }
        replies.send(handshake.ready());
        dialer.speaksSessions(initiator);
        SessionLink link = new SessionLink(
                initiator, initiator, keys, sessions.clock().instant(), new ListenerTransport(more, replies));
        if (sessions.register(link)) {
            sessions.serve(link);
        }
    }

    private boolean takeHandshake() {
        synchronized (handshakes) {
            return handshakes.tryTake(sessions.clock().millis());
        }
    }
}
