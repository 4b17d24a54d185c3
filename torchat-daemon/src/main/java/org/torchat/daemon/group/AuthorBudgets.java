package org.torchat.daemon.group;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.torchat.daemon.peer.TokenBucket;
import org.torchat.protocol.onion.OnionAddress;

/**
 * The budget of group messages per author, whoever passes them on: a member that floods a group is held to the
 * rate of any contact's RECVs ({@code recvrate}, {@code recvburst}), and relaying does not launder the flood, since
 * the author's signature, not the relaying member, names whose budget pays. Only authors on a roster we hold are
 * ever looked up (the caller checks first), so the map is bounded by the members of our groups.
 */
final class AuthorBudgets {
    private final int perMinute;
    private final int burst;
    private final LongSupplier millis;
    private final Map<OnionAddress, TokenBucket> buckets = new HashMap<>();

    AuthorBudgets(int perMinute, int burst, LongSupplier millis) {
        this.perMinute = Math.max(1, perMinute);
        this.burst = Math.max(1, burst);
        this.millis = millis;
    }

    synchronized boolean tryTake(OnionAddress author) {
        long now = millis.getAsLong();
        return buckets.computeIfAbsent(author, a -> new TokenBucket(perMinute, burst, now))
                .tryTake(now);
    }
}
