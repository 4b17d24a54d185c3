package org.torchat.daemon.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * When to try an unreachable peer again: {@code firstDelay} after the first failure, three times longer after
 * each further one, never more than {@code maxDelay} apart, and not after {@code giveUpAfter} from when the
 * message was sent. With the defaults (5 s, 1 h, 72 h): 5 s, 15 s, 45 s, 2¼ min, 6¾ min, 20 min, 1 h, then
 * hourly for three days.
 */
public record RetryPolicy(Duration firstDelay, Duration maxDelay, Duration giveUpAfter) {
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofHours(72));

    /** The wait after {@code failures} failed attempts (1 or more). */
    public Duration delayAfter(int failures) {
        Duration delay = firstDelay;
        for (int i = 1; i < failures && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(3);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    /** Whether a message sent at {@code sentAt} should no longer be retried at {@code now}. */
    public boolean gaveUp(Instant sentAt, Instant now) {
        return !now.isBefore(sentAt.plus(giveUpAfter));
    }
}
