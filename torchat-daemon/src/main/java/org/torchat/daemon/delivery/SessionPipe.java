package org.torchat.daemon.delivery;

import java.time.Instant;

/** Sends a peer's queued messages over its session, when it has one (docs/PROTOCOL.md, "Sessions"). */
@FunctionalInterface
public interface SessionPipe {
    /** Never a session: every message goes as a one-shot frame. */
    SessionPipe NONE = peer -> Outcome.NOT_USED;

    /**
     * Sends what is due. {@link Outcome#NOT_USED} when there is no session with {@code peer} and none can be had
     * (it does not speak sessions, or is not a contact): then one-shot frames carry its messages.
     *
     * @throws DeliveryException the peer could not be reached: its messages wait for their next retry
     */
    Outcome send(org.torchat.protocol.onion.OnionAddress peer) throws DeliveryException;

    /** {@code used}: a session carried the messages; {@code nextDue}: when to look again (null: when woken). */
    record Outcome(boolean used, Instant nextDue) {
        public static final Outcome NOT_USED = new Outcome(false, null);
    }
}
