package org.torchat.daemon.peer;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.torchat.protocol.onion.OnionAddress;

/**
 * One token bucket per sender address, at most {@code maxTracked} of them. The key is the parsed address, so every
 * spelling of one sender ({@code B}, {@code b.onion}, {@code " b"}) is one bucket. When the map is full, buckets that
 * have refilled are forgotten, then the least recently used: at worst that sender gets a fresh burst.
 */
final class SenderBuckets {
    private final int perMinute;
    private final int burst;
    private final int maxTracked;
    private final Map<OnionAddress, TokenBucket> buckets = new LinkedHashMap<>(16, 0.75f, true);

    SenderBuckets(int perMinute, int burst, int maxTracked) {
        if (maxTracked < 1) {
            throw new IllegalArgumentException("maxTracked must be at least 1");
        }
        this.perMinute = perMinute;
        this.burst = burst;
        this.maxTracked = maxTracked;
    }

    /** Takes a token from {@code sender}'s bucket, or answers false. */
    synchronized boolean tryTake(OnionAddress sender, long now) {
        TokenBucket bucket = buckets.get(sender);
        if (bucket == null) {
            evict(now);
            bucket = new TokenBucket(perMinute, burst, now);
            buckets.put(sender, bucket);
        }
        return bucket.tryTake(now);
    }

    synchronized int tracked() {
        return buckets.size();
    }

    private void evict(long now) {
        if (buckets.size() < maxTracked) {
            return;
        }
        buckets.values().removeIf(b -> b.isFull(now));
        Iterator<OnionAddress> lru = buckets.keySet().iterator();
        while (buckets.size() >= maxTracked && lru.hasNext()) {
            lru.next();
            lru.remove();
        }
    }
}
