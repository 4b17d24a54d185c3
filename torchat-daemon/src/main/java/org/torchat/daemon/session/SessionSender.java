package org.torchat.daemon.session;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torchat.daemon.DaemonThreads;
import org.torchat.daemon.delivery.RetryPolicy;
import org.torchat.daemon.store.Outbox;
import org.torchat.daemon.store.StoredMessage;
import org.torchat.protocol.onion.OnionAddress;

/**
 * Sends queued messages on a session without waiting for each acknowledgement: up to {@link #WINDOW} in flight, in
 * the order they were queued. Acknowledgements that arrive together are recorded in one transaction. What was in
 * flight on a session that ends stays queued and goes again on the next (the receiver drops the repeats by id).
 */
public final class SessionSender implements SessionEvents {
    private static final Logger LOG = LoggerFactory.getLogger(SessionSender.class);
    /** Messages sent and not yet acknowledged, per session. */
    static final int WINDOW = 256;

    private final Outbox outbox;
    private final OnionAddress self;
    private final RetryPolicy retry;
    private final Clock clock;
    private final Consumer<OnionAddress> wake;
    private final Map<SessionLink, LinkedHashMap<String, StoredMessage>> inFlight = new LinkedHashMap<>();
    /** Acknowledged, not yet recorded: they stay in flight until then, so that no send() takes them for queued. */
    private final List<Acked> acknowledged = new ArrayList<>();

    private final ExecutorService recorder =
            Executors.newSingleThreadExecutor(r -> DaemonThreads.named(r, "session-acks"));
    private boolean recording;

    /** {@code wake}: asks the delivery engine to look at a peer's queue again. */
    private record Acked(SessionLink link, StoredMessage message) {}

    public SessionSender(
            Outbox outbox, OnionAddress self, RetryPolicy retry, Clock clock, Consumer<OnionAddress> wake) {
        this.outbox = outbox;
        this.self = self;
        this.retry = retry;
        this.clock = clock;
        this.wake = wake;
    }

    /**
     * Sends {@code link}'s peer's queued messages that are due and not yet in flight, oldest first. Returns when the
     * first message not yet due is due (nothing after it overtakes it), or empty.
     */
    public Optional<Instant> send(SessionLink link) throws IOException {
        LinkedHashMap<String, StoredMessage> flying = flying(link);
        int already;
        synchronized (inFlight) {
            already = flying.size();
        }
        if (already >= WINDOW) {
            return Optional.empty(); // acknowledgements wake us
        }
        Instant now = clock.instant();
        for (StoredMessage m : outbox.queued(link.peer(), WINDOW + already)) {
            synchronized (inFlight) {
                if (flying.containsKey(m.messageId())) {
                    continue;
                }
                if (flying.size() >= WINDOW) {
                    return Optional.empty();
                }
            }
            if (m.nextAttemptAt() != null && m.nextAttemptAt().isAfter(now)) {
                return Optional.of(m.nextAttemptAt());
            }
            synchronized (inFlight) {
                flying.put(m.messageId(), m);
            }
            link.send(SessionFrames.recv(self, m));
        }
        return Optional.empty();
    }

    private LinkedHashMap<String, StoredMessage> flying(SessionLink link) {
        synchronized (inFlight) {
            return inFlight.computeIfAbsent(link, l -> new LinkedHashMap<>());
        }
    }

    @Override
    public void opened(SessionLink link) {
        // Backoffs grown while it was away are reset by the daemon's "peer reachable", which runs on opening too.
        wake.accept(link.peer());
    }

    @Override
    public void closed(SessionLink link) {
        LinkedHashMap<String, StoredMessage> lost;
        synchronized (inFlight) {
            lost = inFlight.remove(link);
        }
        if (lost != null && !lost.isEmpty()) {
            LOG.info("{}: {} message(s) unacknowledged; they go again on the next session", link, lost.size());
        }
        wake.accept(link.peer());
    }

    @Override
    public void acknowledged(SessionLink link, String messageId) {
        synchronized (inFlight) {
            LinkedHashMap<String, StoredMessage> flying = inFlight.get(link);
            StoredMessage m = flying == null ? null : flying.get(messageId);
            if (m == null || acknowledged.stream().anyMatch(a -> a.message() == m)) {
                return; // not ours on this session, or a repeated acknowledgement
            }
            acknowledged.add(new Acked(link, m));
            if (!recording) {
                recording = true;
                submit(this::record);
            }
        }
    }

    /** Records every acknowledgement that came in since the last transaction, in one. */
    private void record() {
        while (true) {
            List<Acked> batch;
            synchronized (inFlight) {
                if (acknowledged.isEmpty()) {
                    recording = false;
                    return;
                }
                batch = List.copyOf(acknowledged);
            }
            outbox.markDelivered(batch.stream().map(Acked::message).toList(), clock.instant());
            synchronized (inFlight) {
                acknowledged.removeAll(batch);
                for (Acked a : batch) {
                    LinkedHashMap<String, StoredMessage> flying = inFlight.get(a.link());
                    if (flying != null) {
                        flying.remove(a.message().messageId());
                    }
                }
            }
            batch.stream().map(a -> a.message().peer()).distinct().forEach(wake); // room in the window: send more
        }
    }

    @Override
    public void refused(SessionLink link, String messageId, String reason) {
        StoredMessage m;
        synchronized (inFlight) {
            LinkedHashMap<String, StoredMessage> flying = inFlight.get(link);
            m = flying == null ? null : flying.remove(messageId);
        }
        if (m == null) {
            return;
        }
        Instant now = clock.instant();
        if (retry.gaveUp(m.sentAt(), now)) {
            outbox.markFailed(m, reason);
            LOG.warn("message {} to {} failed: {}", m.messageId(), m.peer(), reason);
        } else {
            Duration delay = retry.delayAfter(m.attempts() + 1);
            outbox.scheduleRetry(m, now.plus(delay), reason);
            LOG.info(
                    "message {} to {}: refused ({}); next try in {} ms",
                    m.messageId(),
                    m.peer(),
                    reason,
                    delay.toMillis());
        }
        wake.accept(m.peer());
    }

    private void submit(Runnable task) {
        try {
            recorder.execute(task);
        } catch (RejectedExecutionException e) {
            recording = false; // stopping: unrecorded acknowledgements are sent again after the restart
        }
    }

    /** Records what was acknowledged so far, then stops. */
    public void close() {
        recorder.shutdown();
        try {
            recorder.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
