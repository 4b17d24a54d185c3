package org.torchat.daemon.peer;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.torchat.daemon.net.RequestException;
import org.torchat.protocol.onion.OnionAddress;

/**
 * The rate budgets of the peer port, by {@link TrafficClass} (docs/SECURITY.md, "Hostile peers"):
 * <ul>
 * <li>every sender has its own bucket ({@code recvrate} a minute, bursts of {@code recvburst}), keyed on its parsed
 *     address and kept apart per class, so that strangers' churn never evicts a contact's bucket;</li>
 * <li>unsigned contacts share one bucket and strangers another ({@code unsignedrate}, {@code strangerrate}): made-up
 *     addresses cost a flood nothing, so the class bucket is what bounds it. It is spent before the signature check,
 *     which bounds the CPU strangers' signatures can take;</li>
 * <li>signed contacts share nothing: a contact's message is never refused because of anyone else's traffic.</li>
 * </ul>
 * A rate of 0 turns that limit off.
 */
public final class PeerBudgets {
    /** Senders tracked at once per class: about a megabyte at most. */
    public static final int DEFAULT_MAX_TRACKED = 10_000;

    /** The settings, in messages a minute and messages at once. */
    public record Limits(
            int senderRate, int senderBurst, int unsignedRate, int unsignedBurst, int strangerRate, int strangerBurst) {
        public Limits {
            if (senderRate < 0
                    || unsignedRate < 0
                    || strangerRate < 0
                    || senderBurst < 1
                    || unsignedBurst < 1
                    || strangerBurst < 1) {
                throw new IllegalArgumentException("rates must not be negative, bursts at least 1");
            }
        }
    }

    private final Limits limits;
    private final LongSupplier nowMillis;
    private final Map<TrafficClass, SenderBuckets> senders = new EnumMap<>(TrafficClass.class);
    private final Map<TrafficClass, TokenBucket> shared = new EnumMap<>(TrafficClass.class);

    public PeerBudgets(Limits limits, int maxTracked, LongSupplier nowMillis) {
        this.limits = limits;
        this.nowMillis = nowMillis;
        long now = nowMillis.getAsLong();
        if (limits.senderRate() > 0) {
            for (TrafficClass c : TrafficClass.values()) {
                senders.put(c, new SenderBuckets(limits.senderRate(), limits.senderBurst(), maxTracked));
            }
        }
        if (limits.unsignedRate() > 0) {
            shared.put(
                    TrafficClass.UNSIGNED_CONTACT, new TokenBucket(limits.unsignedRate(), limits.unsignedBurst(), now));
        }
        if (limits.strangerRate() > 0) {
            shared.put(TrafficClass.STRANGER, new TokenBucket(limits.strangerRate(), limits.strangerBurst(), now));
        }
    }

    /** The class's shared budget, before anything costly is done for the frame; contacts have none. */
    public void admitClass(TrafficClass trafficClass) throws RequestException {
        TokenBucket bucket = shared.get(trafficClass);
        if (bucket == null) {
            return;
        }
        boolean taken;
        synchronized (bucket) {
            taken = bucket.tryTake(nowMillis.getAsLong());
        }
        if (!taken) {
            int rate = trafficClass == TrafficClass.STRANGER ? limits.strangerRate() : limits.unsignedRate();
            throw new RequestException("too many messages, slow down: this daemon takes at most " + rate
                    + " messages a minute from " + trafficClass.label() + "s together; try again later");
        }
    }

    /** The sender's own budget, keyed on its address once the signature (if any) has been checked. */
    public void admitSender(TrafficClass trafficClass, OnionAddress sender) throws RequestException {
        SenderBuckets buckets = senders.get(trafficClass);
        if (buckets != null && !buckets.tryTake(sender, nowMillis.getAsLong())) {
            throw new RequestException("too many messages, slow down: more than " + limits.senderRate()
                    + " a minute (bursts of " + limits.senderBurst() + ") from " + sender + "; try again later");
        }
    }

    /** How many senders of a class are tracked now (for tests). */
    int tracked(TrafficClass trafficClass) {
        SenderBuckets buckets = senders.get(trafficClass);
        return buckets == null ? 0 : buckets.tracked();
    }
}
