package org.torchat.daemon.seal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How often UNLOCK may guess. Each guess already costs an Argon2id derivation, one at a time; beyond
 * {@link #FREE} wrong passphrases in a row, each further one makes the next wait twice as long, from 1 s up to
 * {@link #LONGEST}, so that a client (or someone who took its token) cannot try a dictionary at the KDF's pace. A
 * right passphrase starts again from nothing. Shared by all clients, thread-safe.
 */
final class UnlockAttempts {
    static final int FREE = 5;
    static final Duration LONGEST = Duration.ofMinutes(5);

    private final Clock clock;
    private int wrongInARow;
    private Instant notBefore = Instant.MIN;

    UnlockAttempts(Clock clock) {
        this.clock = clock;
    }

    /** How long until the next guess is allowed; zero when it is. */
    synchronized Duration pause() {
        Duration left = Duration.between(clock.instant(), notBefore);
        return left.isNegative() ? Duration.ZERO : left;
    }

    synchronized void wrong() {
        wrongInARow++;
        if (wrongInARow > FREE) {
            long seconds = 1L << Math.min(wrongInARow - FREE - 1, 20);
            Duration pause = Duration.ofSeconds(seconds).compareTo(LONGEST) > 0 ? LONGEST : Duration.ofSeconds(seconds);
            notBefore = clock.instant().plus(pause);
        }
    }

    synchronized void right() {
        wrongInARow = 0;
        notBefore = Instant.MIN;
    }
}
