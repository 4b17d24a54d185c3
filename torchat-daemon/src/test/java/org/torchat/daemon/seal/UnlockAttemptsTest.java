package org.torchat.daemon.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class UnlockAttemptsTest {
    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-12-04T18:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void fiveWrongPassphrasesAreFreeThenEachDoublesTheWaitUpToFiveMinutes() {
        TestClock clock = new TestClock();
        UnlockAttempts attempts = new UnlockAttempts(clock);
        for (int i = 0; i < UnlockAttempts.FREE; i++) {
            assertEquals(Duration.ZERO, attempts.pause());
            attempts.wrong();
        }
        assertEquals(Duration.ZERO, attempts.pause(), "five wrong ones cost nothing more than their KDF");
        attempts.wrong();
        assertEquals(Duration.ofSeconds(1), attempts.pause());
        clock.now = clock.now.plusSeconds(1);
        assertEquals(Duration.ZERO, attempts.pause());
        attempts.wrong();
        assertEquals(Duration.ofSeconds(2), attempts.pause());
        for (int i = 0; i < 30; i++) {
            attempts.wrong();
        }
        assertEquals(UnlockAttempts.LONGEST, attempts.pause());
    }

    @Test
    void theRightPassphraseStartsAgainFromNothing() {
        TestClock clock = new TestClock();
        UnlockAttempts attempts = new UnlockAttempts(clock);
        for (int i = 0; i < 8; i++) {
            attempts.wrong();
        }
        clock.now = clock.now.plus(UnlockAttempts.LONGEST);
        attempts.right();
        for (int i = 0; i < UnlockAttempts.FREE; i++) {
            attempts.wrong();
        }
        assertEquals(Duration.ZERO, attempts.pause());
    }
}
