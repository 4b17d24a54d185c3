package org.torchat.daemon.session;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs an action at most once per {@code interval}, however often it is asked: a request within the interval is
 * carried out once when the interval ends, so the last one is never lost. For signals a peer can trigger at will
 * (a contact toggling its presence) that wake every attached client.
 */
final class Coalescer {
    private final Runnable action;
    private final long intervalNanos;
    private final ScheduledExecutorService timer;
    private long lastRunNanos;
    private boolean ran;
    private boolean pending;

    Coalescer(Runnable action, Duration interval, ScheduledExecutorService timer) {
        this.action = action;
        this.intervalNanos = interval.toNanos();
        this.timer = timer;
    }

    void request() {
        long wait;
        synchronized (this) {
            if (pending) {
                return;
            }
            long now = System.nanoTime();
            wait = ran ? intervalNanos - (now - lastRunNanos) : 0;
            if (wait > 0) {
                pending = true;
            } else {
                ran = true;
                lastRunNanos = now;
            }
        }
        if (wait <= 0) {
            action.run();
            return;
        }
        try {
            timer.schedule(this::runPending, wait, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // stopping: nobody waits for the signal any more
        }
    }

    private void runPending() {
        synchronized (this) {
            pending = false;
            ran = true;
            lastRunNanos = System.nanoTime();
        }
        action.run();
    }
}
