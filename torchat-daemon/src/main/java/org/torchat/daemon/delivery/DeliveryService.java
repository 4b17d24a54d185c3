package org.torchat.daemon.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torchat.daemon.store.Outbox;
import org.torchat.daemon.store.StoredMessage;
import org.torchat.protocol.Message;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;

/**
 * Delivers queued messages in the background. Each peer has at most one delivery in flight and its messages
 * go out in the order they were queued; an unreachable peer waits for its next retry without holding up
 * anyone else. Work is woken by SEND and by retry timers; nothing polls.
 */
public final class DeliveryService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryService.class);

    private final Outbox outbox;
    private final Delivery delivery;
    private final Ed25519Identity self;
    private final RetryPolicy retry;
    private final Clock clock;
    private final boolean logText;
    private final RetryScheduler<OnionAddress> peers;
    private volatile SessionPipe sessions = SessionPipe.NONE;

    /** {@code self}: our identity; every message goes out signed with it. */
    public DeliveryService(
            Outbox outbox,
            Delivery delivery,
            Ed25519Identity self,
            RetryPolicy retry,
            Clock clock,
            int parallelism,
            boolean logText) {
        this.outbox = outbox;
        this.delivery = delivery;
        this.self = self;
        this.retry = retry;
        this.clock = clock;
        this.logText = logText;
        this.peers = new RetryScheduler<>("delivery", parallelism, clock, retry.firstDelay(), this::drain);
    }

    /** From now on, messages to peers with a session go on it (sessions and delivery need each other). */
    public void useSessions(SessionPipe pipe) {
        this.sessions = pipe;
    }

    /** Picks up what was queued before a restart. */
    public void start() {
        for (OnionAddress peer : outbox.peersWithQueued()) {
            wake(peer);
        }
    }

    /** Something was queued for {@code peer}, or its retry time came. */
    public void wake(OnionAddress peer) {
        peers.wake(peer);
    }

    /**
     * {@code peer} just reached us (a message arrived from it), so it is online: whatever waits for a retry goes
     * now instead of after a backoff that may have grown long while it was away.
     */
    public void peerReachable(OnionAddress peer) {
        if (outbox.retryNow(peer, clock.instant()) > 0) {
            LOG.info("{} is reachable again: retrying its queued messages now", peer);
            wake(peer);
        }
    }

    /** One run for {@code peer}: its due messages in queue order, on its session or one frame each. */
    private void drain(OnionAddress peer) {
        if (outbox.oldestQueued(peer).isEmpty() || sentOnSession(peer)) {
            return;
        }
        while (deliverNext(peer)) {
            // keep going while messages are due
        }
    }

    /** Whether the peer's session took its messages (or reaching it failed, and they wait for a retry). */
    private boolean sentOnSession(OnionAddress peer) {
        try {
            SessionPipe.Outcome outcome = sessions.send(peer);
            if (outcome.nextDue() != null) {
                peers.wakeAt(peer, outcome.nextDue());
            }
            return outcome.used();
        } catch (DeliveryException e) {
            outbox.oldestQueued(peer).ifPresent(m -> {
                if (m.nextAttemptAt() != null && m.nextAttemptAt().isAfter(clock.instant())) {
                    peers.wakeAt(peer, m.nextAttemptAt());
                } else {
                    failed(m, e.getMessage());
                }
            });
            return true;
        }
    }

    /** Delivers the peer's oldest queued message if it is due; false when there is nothing more to do now. */
    private boolean deliverNext(OnionAddress peer) {
        Optional<StoredMessage> next = outbox.oldestQueued(peer);
        if (next.isEmpty()) {
            return false;
        }
        StoredMessage m = next.get();
        Instant now = clock.instant();
        if (m.nextAttemptAt() != null && m.nextAttemptAt().isAfter(now)) {
            peers.wakeAt(peer, m.nextAttemptAt());
            return false;
        }
        return attempt(m);
    }

    /** One attempt at {@code m}; true when the peer's next message may go now. */
    private boolean attempt(StoredMessage m) {
        Optional<Message> frame = signed(m);
        if (frame.isEmpty()) {
            return true;
        }
        try {
            return recorded(m, delivery.deliver(m.peer(), m.portno(), frame.get()));
        } catch (DeliveryException e) {
            return failed(m, e.getMessage());
        }
    }

    /** The RECV frame that carries {@code m}; empty, and {@code m} failed for good, when it cannot be signed. */
    private Optional<Message> signed(StoredMessage m) {
        try {
            return Optional.of(PeerFrames.recv(self, m));
        } catch (IllegalArgumentException e) {
            // SEND refuses such texts; only a message stored by an older version can get here. Retrying cannot help.
            outbox.markFailed(m, "cannot sign the message: " + e.getMessage());
            LOG.warn("message {} to {} failed: cannot sign it: {}", m.messageId(), m.peer(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Stores what became of {@code m} once the peer took the frame; true when its next message may go now. */
    private boolean recorded(StoredMessage m, DeliveryOutcome outcome) {
        if (outcome == DeliveryOutcome.ACKNOWLEDGED) {
            outbox.markDelivered(m, clock.instant());
        } else if (outbox.acknowledges(m.peer())) {
            // A peer that has acknowledged before went silent mid-delivery: it may have crashed before storing.
            return failed(m, "the peer closed the connection without acknowledging");
        } else {
            outbox.markSent(m);
        }
        LOG.info(
                "message {} to {}: {}{}",
                m.messageId(),
                m.peer(),
                outcome.name().toLowerCase(),
                describe(m));
        return true;
    }

    /** Retries {@code m} after its backoff, or fails it when it is too old; true when the next message may go now. */
    private boolean failed(StoredMessage m, String reason) {
        Instant now = clock.instant();
        if (retry.gaveUp(m.sentAt(), now)) {
            outbox.markFailed(m, reason);
            LOG.warn(
                    "message {} to {} failed after {} attempts: {}", m.messageId(), m.peer(), m.attempts() + 1, reason);
            return true;
        }
        Duration delay = retry.delayAfter(m.attempts() + 1);
        outbox.scheduleRetry(m, now.plus(delay), reason);
        peers.wakeAt(m.peer(), now.plus(delay));
        LOG.info(
                "message {} to {}: attempt {} failed ({}); next try in {} ms",
                m.messageId(),
                m.peer(),
                m.attempts() + 1,
                reason,
                delay.toMillis());
        return false;
    }

    private String describe(StoredMessage m) {
        return logText ? " \"" + m.text() + "\"" : "";
    }

    /** Stops delivering; what is still queued goes out after the next start. */
    @Override
    public void close() {
        peers.close();
    }
}
