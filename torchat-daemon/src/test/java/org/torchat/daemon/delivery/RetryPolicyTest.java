package org.torchat.daemon.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final Instant SENT = Instant.parse("2026-11-25T18:57:00Z");

    @Test
    void theDefaultScheduleTriplesFromFiveSecondsUpToAnHour() {
        List<Duration> schedule = IntStream.rangeClosed(1, 9)
                .mapToObj(RetryPolicy.DEFAULT::delayAfter)
                .toList();

        assertEquals(
                List.of(
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(15),
                        Duration.ofSeconds(45),
                        Duration.ofSeconds(135),
                        Duration.ofSeconds(405),
                        Duration.ofSeconds(1215),
                        Duration.ofHours(1),
                        Duration.ofHours(1),
                        Duration.ofHours(1)),
                schedule);
    }

    @Test
    void theCapHoldsForAnyNumberOfFailures() {
        // Hourly retries for three days are about 80 attempts; the delay must not overflow or grow.
        assertEquals(Duration.ofHours(1), RetryPolicy.DEFAULT.delayAfter(80));
        assertEquals(Duration.ofHours(1), RetryPolicy.DEFAULT.delayAfter(10_000));
        assertEquals(Duration.ofHours(1), RetryPolicy.DEFAULT.delayAfter(Integer.MAX_VALUE));
    }

    @Test
    void theDefaultGivesUpAfter72Hours() {
        assertEquals(Duration.ofHours(72), RetryPolicy.DEFAULT.giveUpAfter());
        assertFalse(RetryPolicy.DEFAULT.gaveUp(SENT, SENT));
        assertFalse(
                RetryPolicy.DEFAULT.gaveUp(SENT, SENT.plus(Duration.ofHours(72)).minusMillis(1)));
        assertTrue(RetryPolicy.DEFAULT.gaveUp(SENT, SENT.plus(Duration.ofHours(72))));
        assertTrue(RetryPolicy.DEFAULT.gaveUp(SENT, SENT.plus(Duration.ofDays(30))));
    }

    @Test
    void aCustomPolicyFollowsTheSameRule() {
        RetryPolicy quick = new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(2));

        assertEquals(Duration.ofMillis(50), quick.delayAfter(1));
        assertEquals(Duration.ofMillis(150), quick.delayAfter(2));
        assertEquals(Duration.ofMillis(200), quick.delayAfter(3), "450 ms capped");
        assertEquals(Duration.ofMillis(200), quick.delayAfter(4));
        assertFalse(quick.gaveUp(SENT, SENT.plusMillis(1999)));
        assertTrue(quick.gaveUp(SENT, SENT.plusSeconds(2)));
    }

    @Test
    void aFirstDelayAboveTheCapIsCapped() {
        RetryPolicy odd = new RetryPolicy(Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofHours(1));

        assertEquals(Duration.ofMinutes(1), odd.delayAfter(1));
    }
}
