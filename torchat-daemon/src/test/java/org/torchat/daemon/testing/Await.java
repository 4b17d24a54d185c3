package org.torchat.daemon.testing;

import java.time.Duration;
import java.util.function.Predicate;

/** Polls until a condition holds: delivery is asynchronous, so tests wait for outcomes instead of sleeping. */
public final class Await {
    /** A check that may throw, like a request to a daemon. */
    @FunctionalInterface
    public interface Probe<T> {
        T get() throws Exception;
    }

    private Await() {}

    /** Returns the first value of {@code probe} that satisfies {@code done}; fails after {@code timeout}. */
    public static <T> T until(Probe<T> probe, Predicate<T> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T value = probe.get();
        while (!done.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still not done after " + timeout.toMillis() + " ms; last value: " + value);
            }
            Thread.sleep(20);
            value = probe.get();
        }
        return value;
    }

    public static <T> T until(Probe<T> probe, Predicate<T> done) throws Exception {
        return until(probe, done, Duration.ofSeconds(10));
    }
}
