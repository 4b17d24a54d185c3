package org.torchat.daemon.session;

import java.io.IOException;
import java.util.Optional;
import org.torchat.daemon.delivery.DeliveryException;
import org.torchat.daemon.delivery.SessionPipe;
import org.torchat.protocol.onion.OnionAddress;

/** The delivery engine's way onto sessions: the peer's session (opened if need be), then the pipelined sender. */
public final class SessionRoute implements SessionPipe {
    private final SessionDialer dialer;
    private final SessionSender sender;

    public SessionRoute(SessionDialer dialer, SessionSender sender) {
        this.dialer = dialer;
        this.sender = sender;
    }

    @Override
    public Outcome send(OnionAddress peer) throws DeliveryException {
        Optional<SessionLink> link = dialer.open(peer);
        if (link.isEmpty()) {
            return Outcome.NOT_USED;
        }
        try {
            return new Outcome(true, sender.send(link.get()).orElse(null));
        } catch (IOException e) {
            link.get().close(); // its reader ends it, and the sender is woken to try the next session
            throw new DeliveryException("the session with " + peer + " broke: " + e.getMessage(), e);
        }
    }
}
