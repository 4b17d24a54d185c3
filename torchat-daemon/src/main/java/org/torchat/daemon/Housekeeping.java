package org.torchat.daemon;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's periodic chores, on one thread: each runs at start, then every period. A chore that fails is logged
 * and runs again at its next turn.
 */
final class Housekeeping implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.numbered("housekeeping"));

    /** Runs {@code chore} now and then every {@code period}; {@code name} says what failed in the log. */
    void every(Duration period, String name, Runnable chore) {
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        chore.run();
                    } catch (RuntimeException e) {
                        LOG.error("{} failed", name, e);
                    }
                },
                0,
                period.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Stops the chores and waits briefly for one that is running, so that none outlives the store. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
