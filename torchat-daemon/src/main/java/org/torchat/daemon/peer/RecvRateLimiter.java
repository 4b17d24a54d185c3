package org.torchat.daemon.peer;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.protocol.Message;

/**
 * Wraps the RECV handler with token buckets: one per claimed sender address ({@code recvrate} messages a minute,
 * bursts of {@code recvburst}), and one for all senders together ({@code recvratetotal} a minute, bursts of
 * {@code recvbursttotal}). A RECV over either limit gets {@code ERR too many messages, slow down: ...} (a warning
 * line in the error log, like every refusal) and is not passed on: not verified, not stored.
 *
 * <p>The per-sender limit is keyed on the {@code id} the frame <em>claims</em>. An unsigned RECV can claim any
 * address, and a fresh address costs an attacker one key generation, so a flood spread over many made-up ids is
 * not slowed by the per-sender buckets: the global bucket is what bounds the work (signature checks, disk writes)
 * such a flood can cause. It also means a flood can make everyone's messages wait: refused senders retry
 * (docs/PROTOCOL.md, "SEND and delivery"), so nothing is lost, only delayed.
 *
 * <p>Memory is bounded: at most {@code maxTracked} buckets are kept. A bucket that has refilled completely is
 * forgotten (it holds no information: a new one would start full too); when the map is still full, the least
 * recently used sender is dropped, which at worst gives that sender a fresh burst, still under the global cap.
 * Buckets count in 1/60000 of a token, so refills are exact; the clock is a millisecond supplier so tests can drive it.
 */
public final class RecvRateLimiter implements CommandHandler {
    /** The default number of senders tracked at once: about a megabyte at most. */
    public static final int DEFAULT_MAX_TRACKED = 10_000;
    /** One token in bucket units: at r tokens a minute, a bucket gains exactly r units a millisecond, no rounding. */
    private static final long TOKEN = 60_000;

    private final CommandHandler recv;
    private final int perMinute;
    private final int burst;
    private final int totalPerMinute;
    private final int totalBurst;
    private final int maxTracked;
    private final LongSupplier nowMillis;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true);
    private final Bucket total;

    /**
     * @param perMinute      messages a minute one sender may send, sustained (0 turns the per-sender limit off)
     * @param burst          messages one sender may send at once, after being quiet
     * @param totalPerMinute messages a minute from all senders together (0 turns the global limit off)
     * @param totalBurst     messages from all senders at once
     * @param maxTracked     how many senders' buckets to keep at most
     * @param nowMillis      the clock, in milliseconds (any origin; only differences count)
     */
    public RecvRateLimiter(CommandHandler recv, int perMinute, int burst, int totalPerMinute, int totalBurst,
                           int maxTracked, LongSupplier nowMillis) {
        if (perMinute < 0 || totalPerMinute < 0 || burst < 1 || totalBurst < 1 || maxTracked < 1) {
            throw new IllegalArgumentException("rates must not be negative, bursts and maxTracked at least 1");
        }
        this.recv = recv;
        this.perMinute = perMinute;
        this.burst = burst;
        this.totalPerMinute = totalPerMinute;
        this.totalBurst = totalBurst;
        this.maxTracked = maxTracked;
        this.nowMillis = nowMillis;
        this.total = new Bucket(totalBurst, nowMillis.getAsLong());
    }

    @Override
    public void handle(Message request, ReplySink replies) throws RequestException, IOException {
        admit(request.id());
        recv.handle(request, replies);
    }

    /** Takes a token for {@code claimedId}, or refuses. */
    void admit(String claimedId) throws RequestException {
        String key = claimedId == null ? "" : claimedId.toLowerCase(Locale.ROOT);
        synchronized (this) {
            long now = nowMillis.getAsLong();
            Bucket bucket = null;
            if (perMinute > 0) {
                bucket = buckets.get(key);
                if (bucket == null) {
                    evict(now);
                    bucket = new Bucket(burst, now);
                    buckets.put(key, bucket);
                }
                bucket.refill(now, perMinute, burst);
                if (bucket.tokens < TOKEN) {
                    throw new RequestException("too many messages, slow down: more than " + perMinute
                            + " a minute (bursts of " + burst + ") from " + printable(key) + "; try again later");
                }
            }
            if (totalPerMinute > 0) {
                total.refill(now, totalPerMinute, totalBurst);
                if (total.tokens < TOKEN) {
                    throw new RequestException("too many messages, slow down: this daemon takes at most "
                            + totalPerMinute + " messages a minute from all peers together; try again later");
                }
                total.tokens -= TOKEN;
            }
            if (bucket != null) {
                bucket.tokens -= TOKEN;
            }
        }
    }

    /** Makes room for one more bucket: drops full (idle) buckets, then the least recently used. */
    private void evict(long now) {
        if (buckets.size() < maxTracked) {
            return;
        }
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            Bucket b = it.next();
            b.refill(now, perMinute, burst);
            if (b.tokens >= burst * TOKEN) {
                it.remove();
            }
        }
        Iterator<String> lru = buckets.keySet().iterator();
        while (buckets.size() >= maxTracked && lru.hasNext()) {
            lru.next();
            lru.remove();
        }
    }

    /** The claimed id for the ERR and the log, only if it looks like an address: it is whatever the sender wrote. */
    private static String printable(String id) {
        return id.length() <= 62 && id.matches("[a-z2-7]+\\.onion") ? id : "this sender";
    }

    /** How many senders are tracked now (for tests). */
    synchronized int tracked() {
        return buckets.size();
    }

    private static final class Bucket {
        long tokens;
        long last;

        Bucket(int capacity, long now) {
            this.tokens = capacity * TOKEN;
            this.last = now;
        }

        void refill(long now, int perMinute, int capacity) {
            long elapsed = now - last;
            if (elapsed <= 0) {
                return;
            }
            long cap = capacity * TOKEN;
            // perMinute tokens a minute = perMinute units a millisecond; a gap longer than cap ms refills anyway.
            long gained = Math.min(elapsed, cap) * perMinute;
            tokens = Math.min(cap, tokens + gained);
            last = now;
        }
    }
}
