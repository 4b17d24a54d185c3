package org.torchat.daemon.store;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Tells waiting control requests (UPDATE and GET_PEERS with {@code wait}) that something changed: a monitor with a
 * generation counter that every {@link #signal} advances after its change was committed. A waiter reads the
 * generation <em>before</em> looking at the store, then waits for it to change, so a change made in between is
 * never missed. No polling: waiters sleep until {@link #signal}, {@link #close()} or their deadline.
 *
 * <p>Each signal names its topic ({@link #MESSAGES}, {@link #DELIVERY}, ...) and the signal counts per topic, so a
 * waiter can tell which kind of change woke it, and a topic's {@link #token} changes exactly when it was signalled.
 * One per daemon (owned by it, passed to the stores that change things); {@link #close()} ends every wait at once,
 * for shutdown.
 */
public final class ChangeSignal {
    /** A new message was stored (Inbox). */
    public static final String MESSAGES = "messages";
    /** An outgoing message's status, or a file transfer's state or progress, changed (Outbox, Transfers). */
    public static final String DELIVERY = "delivery";
    /** A contact's presence changed: a session opened or ended, or the contact said online or away. */
    public static final String PRESENCE = "presence";
    /** A group's roster, our state in it or an invitation changed (Groups). */
    public static final String GROUPS = "groups";
    /** The same for anything nobody tells apart (file decisions have a signal of their own). */
    public static final String ANY = "any";

    /** Tokens of this run differ from every earlier run's: a client never mistakes a restart's "0" for the old one. */
    private final String run = Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);

    private final Map<String, Long> counts = new HashMap<>();
    private long generation;
    private boolean closed;
    private int waiters;

    /** The current generation; pass it to {@link #awaitChange}. */
    public synchronized long generation() {
        return generation;
    }

    /** Something nobody tells apart changed: wakes every waiter. */
    public void signal() {
        signal(ANY);
    }

    /** A change of {@code topic} was committed: counts it and wakes every waiter. */
    public synchronized void signal(String topic) {
        counts.merge(topic, 1L, Long::sum);
        generation++;
        notifyAll();
    }

    /** How often {@code topic} was signalled. */
    public synchronized long count(String topic) {
        return counts.getOrDefault(topic, 0L);
    }

    /** An opaque text that changes whenever {@code topic} is signalled, and differs between runs of the daemon. */
    public String token(String topic) {
        return run + "." + count(topic);
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
     * Returns true when the generation changed (something was signalled).
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
