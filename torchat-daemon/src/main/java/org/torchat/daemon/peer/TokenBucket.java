package org.torchat.daemon.peer;

/**
 * A token bucket: {@code perMinute} tokens a minute, at most {@code capacity} saved up. It counts in 1/60000 of a
 * token, so that at r tokens a minute it gains exactly r units a millisecond and refills are exact. Not thread-safe:
 * its owner locks. The clock is whatever milliseconds the owner passes (only differences count).
 */
public final class TokenBucket {
    private static final long TOKEN = 60_000;

    private final int perMinute;
    private final int capacity;
    private long units;
    private long last;

    public TokenBucket(int perMinute, int capacity, long now) {
        if (perMinute < 1 || capacity < 1) {
            throw new IllegalArgumentException("a bucket needs a positive rate and capacity");
        }
        this.perMinute = perMinute;
        this.capacity = capacity;
        this.units = capacity * TOKEN;
        this.last = now;
    }

    /** Takes one token if there is one. */
    public boolean tryTake(long now) {
        refill(now);
        if (units < TOKEN) {
            return false;
        }
        units -= TOKEN;
        return true;
    }

    /** A full bucket holds no information: a new one would start full too. */
    boolean isFull(long now) {
        refill(now);
        return units >= capacity * TOKEN;
    }

    private void refill(long now) {
        long elapsed = now - last;
        if (elapsed <= 0) {
            return;
        }
        long cap = capacity * TOKEN;
        // A gap longer than cap ms refills the bucket anyway; capping it keeps the product from overflowing.
        units = Math.min(cap, units + Math.min(elapsed, cap) * perMinute);
        last = now;
    }
}
