package org.torchat.daemon;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torchat.daemon.store.RequestExpiry;

/**
 * The daemon's periodic chores, on one thread: requests nobody answered expire (at start, then every
 * {@link #PERIOD}), so that strangers cannot hold the request caps full for good.
 */
final class Housekeeping implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);
    static final Duration PERIOD = Duration.ofMinutes(10);

    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.numbered("housekeeping"));
    private final RequestExpiry requests;
    private final Duration requestExpiry;
    private final Clock clock;

    Housekeeping(RequestExpiry requests, Duration requestExpiry, Clock clock) {
        this.requests = requests;
        this.requestExpiry = requestExpiry;
        this.clock = clock;
    }

    void start() {
        timer.scheduleWithFixedDelay(this::expireRequests, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void expireRequests() {
        try {
            int expired = requests.expireBefore(clock.instant().minus(requestExpiry));
            if (expired > 0) {
                LOG.info("{} requests from strangers expired unanswered after {} days", expired,
                        requestExpiry.toDays());
            }
        } catch (RuntimeException e) {
            LOG.error("expiring requests failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
