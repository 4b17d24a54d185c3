package org.torchat.daemon.store;

import java.time.Duration;

/**
 * Tells waiting control requests (UPDATE and GET_PEERS with {@code wait}) that a new message was stored: a monitor
 * with a generation counter that {@link Inbox#store} advances after each commit. A waiter reads the generation
 * <em>before</em> looking at the store, then waits for it to change, so a message stored in between is never
 * missed. No polling: waiters sleep until {@link #signal()}, {@link #close()} or their deadline.
 * One per daemon (owned by it, passed to its {@link Inbox}); {@link #close()} ends every wait at once, for shutdown.
 */
public final class ArrivalSignal {
    private long generation;
    private boolean closed;
    private int waiters;

    /** The current generation; pass it to {@link #awaitChange}. */
    public synchronized long generation() {
        return generation;
    }

    /** A message was stored: wakes every waiter. */
    public synchronized void signal() {
        generation++;
        notifyAll();
    }

    /** The daemon is shutting down: wakes every waiter, and later waits return at once. */
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** How many requests are waiting right now (for tests and logs). */
    public synchronized int waiters() {
        return waiters;
    }

    /**
     * Waits until the generation differs from {@code seen}, the signal is closed, or {@code max} has passed.
     * Returns true when the generation changed (something was stored).
     */
    public synchronized boolean awaitChange(long seen, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        waiters++;
        try {
            while (generation == seen && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                long millis = Math.max(1, left / 1_000_000);
                wait(millis);
            }
            return generation != seen;
        } finally {
            waiters--;
        }
    }
}
