package org.torchat.daemon.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torchat.daemon.DaemonThreads;

/**
 * Runs an owner's job per key (a peer's queue, one file transfer) in the background, woken on demand and by retry
 * timers; nothing polls. A key has at most one run in flight, so its work keeps its order; wakes during a run make
 * exactly one more run afterwards, so nothing they announced is missed. The job does one round of work and, when
 * something must wait, asks for a later run with {@link #wakeAt}. A job that throws is retried after
 * {@code retryAfterError}, so a bug cannot strand a key until the next restart.
 */
public final class RetryScheduler<K> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RetryScheduler.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    /** One key's scheduling state; guarded by {@code keys}. Dropped when the key is idle. */
    private static final class KeyState {
        boolean running;
        boolean wokenWhileRunning;
        Instant timerAt;
        ScheduledFuture<?> timer;

        boolean idle() {
            return !running && !wokenWhileRunning && timerAt == null;
        }
    }

    private final String name;
    private final Clock clock;
    private final Duration retryAfterError;
    private final Consumer<K> job;
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;
    private final Map<K, KeyState> keys = new HashMap<>();

    /**
     * {@code name} names the threads ({@code name-1}..., {@code name-timer}) and the log lines; {@code parallelism}
     * keys run at once; {@code job} does one round of work for a key.
     */
    public RetryScheduler(String name, int parallelism, Clock clock, Duration retryAfterError, Consumer<K> job) {
        this.name = name;
        this.clock = clock;
        this.retryAfterError = retryAfterError;
        this.job = job;
        this.workers = Executors.newFixedThreadPool(parallelism, DaemonThreads.numbered(name));
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> DaemonThreads.named(r, name + "-timer"));
    }

    /** Runs the job for {@code key} soon: now, or once more after the run in progress. */
    public void wake(K key) {
        synchronized (keys) {
            KeyState state = keys.computeIfAbsent(key, k -> new KeyState());
            if (state.running) {
                state.wokenWhileRunning = true;
                return;
            }
            state.running = true;
        }
        try {
            workers.execute(() -> run(key));
        } catch (RejectedExecutionException e) {
            finished(key);
            LOG.debug("{} {} not started: shutting down", name, key);
        }
    }

    /**
     * Wakes {@code key} at {@code at}. A key keeps only its earliest timer: the run it starts looks at the key's work
     * afresh and asks again for whatever is due later, so a later timer would only wake it for nothing.
     */
    public void wakeAt(K key, Instant at) {
        Instant now = clock.instant();
        synchronized (keys) {
            KeyState state = keys.computeIfAbsent(key, k -> new KeyState());
            if (state.timerAt != null && state.timerAt.isAfter(now) && !at.isBefore(state.timerAt)) {
                return;
            }
            if (state.timer != null) {
                state.timer.cancel(false);
            }
            long delayMillis = Math.max(0, Duration.between(now, at).toMillis());
            try {
                state.timer = timers.schedule(() -> fire(key, at), delayMillis, TimeUnit.MILLISECONDS);
                state.timerAt = at;
            } catch (RejectedExecutionException e) {
                state.timer = null;
                state.timerAt = null;
                LOG.debug("{} {}: retry not scheduled: shutting down", name, key);
            }
        }
    }

    private void fire(K key, Instant at) {
        synchronized (keys) {
            KeyState state = keys.get(key);
            if (state != null && at.equals(state.timerAt)) {
                state.timerAt = null;
                state.timer = null;
            }
        }
        wake(key);
    }

    private void run(K key) {
        try {
            job.accept(key);
        } catch (RuntimeException e) {
            LOG.error("{} {} failed unexpectedly; retrying later", name, key, e);
            wakeAt(key, clock.instant().plus(retryAfterError));
        } finally {
            if (finished(key)) {
                wake(key);
            }
        }
    }

    /** Ends {@code key}'s run; true when it was woken meanwhile and must run again. */
    private boolean finished(K key) {
        synchronized (keys) {
            KeyState state = keys.get(key);
            boolean again = state.wokenWhileRunning;
            state.running = false;
            state.wokenWhileRunning = false;
            if (state.idle()) {
                keys.remove(key);
            }
            return again;
        }
    }

    /**
     * Cancels the timers and interrupts the runs in progress without waiting for them, so that the owner can
     * unblock what interrupts do not reach (a socket read) before {@link #close()} waits.
     */
    public void stop() {
        timers.shutdownNow();
        workers.shutdownNow();
    }

    /** Stops, then waits up to 5 s for the runs in progress to end. */
    @Override
    public void close() {
        stop();
        try {
            workers.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
