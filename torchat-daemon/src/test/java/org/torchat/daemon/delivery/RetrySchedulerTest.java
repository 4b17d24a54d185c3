package org.torchat.daemon.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The scheduling under message and file delivery, with jobs that only record their runs. The clock stands still, so
 * a timer's delay is exactly what the test asks for; waits are generous and only end early on success.
 */
class RetrySchedulerTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration RETRY_AFTER_ERROR = Duration.ofMillis(300);
    private static final long PATIENCE_SECONDS = 10;

    private final List<String> runs = new ArrayList<>();
    private final List<RetryScheduler<String>> schedulers = new ArrayList<>();

    @AfterEach
    void stop() {
        schedulers.forEach(RetryScheduler::close);
    }

    private RetryScheduler<String> scheduler(int parallelism, Consumer<String> job) {
        RetryScheduler<String> s = new RetryScheduler<>("test", parallelism, CLOCK, RETRY_AFTER_ERROR, key -> {
            synchronized (runs) {
                runs.add(key);
            }
            job.accept(key);
        });
        schedulers.add(s);
        return s;
    }

    private long runsOf(String key) {
        synchronized (runs) {
            return runs.stream().filter(key::equals).count();
        }
    }

    private static void await(CountDownLatch latch, String what) throws InterruptedException {
        assertTrue(latch.await(PATIENCE_SECONDS, TimeUnit.SECONDS), "gave up waiting until " + what);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void wakesDuringARunMakeExactlyOneMoreRun() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CountDownLatch barrierPassed = new CountDownLatch(1);
        AtomicReference<RetryScheduler<String>> self = new AtomicReference<>();
        // One worker takes queued runs in order: "b" is woken by the second run of "a" and wakes "c", so "c" runs
        // only after any third run of "a" that the second one's end would have queued.
        self.set(scheduler(1, key -> {
            switch (key) {
                case "a" -> {
                    if (runsOf("a") == 1) {
                        firstStarted.countDown();
                        awaitQuietly(releaseFirst);
                    } else {
                        self.get().wake("b");
                    }
                }
                case "b" -> self.get().wake("c");
                default -> barrierPassed.countDown();
            }
        }));

        self.get().wake("a");
        await(firstStarted, "the first run started");
        self.get().wake("a");
        self.get().wake("a");
        assertEquals(1, runsOf("a"), "no second run while the first is in flight");
        releaseFirst.countDown();

        await(barrierPassed, "the run after the wakes is over");
        assertEquals(2, runsOf("a"), "two wakes during a run: one run more");
    }

    @Test
    void aTimerRunsTheJobWhenItsTimeComes() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        RetryScheduler<String> s = scheduler(2, key -> ran.countDown());

        s.wakeAt("a", NOW.plusMillis(100));

        await(ran, "the timer ran the job");
        assertEquals(1, runsOf("a"));
    }

    @Test
    void anEarlierTimerReplacesALaterOne() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        RetryScheduler<String> s = scheduler(2, key -> ran.countDown());

        s.wakeAt("a", NOW.plus(Duration.ofHours(1)));
        s.wakeAt("a", NOW.plusMillis(100));

        await(ran, "the earlier timer ran the job");
    }

    @Test
    void aLaterTimerDoesNotPostponeAnEarlierOne() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        RetryScheduler<String> s = scheduler(2, key -> ran.countDown());

        s.wakeAt("a", NOW.plusMillis(100));
        s.wakeAt("a", NOW.plus(Duration.ofHours(1)));

        await(ran, "the earlier timer ran the job");
    }

    @Test
    void closeInterruptsARunWaitsForItAndRunsNothingMore() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        CountDownLatch timerRan = new CountDownLatch(1);
        RetryScheduler<String> s = scheduler(2, key -> {
            if (key.equals("slow")) {
                started.countDown();
                try {
                    Thread.sleep(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS * 3));
                } catch (InterruptedException e) {
                    ended.countDown();
                }
            } else {
                timerRan.countDown();
            }
        });
        s.wake("slow");
        await(started, "the slow run started");
        s.wakeAt("timed", NOW.plusMillis(200));

        s.close();

        assertEquals(0, ended.getCount(), "the run in progress was interrupted and close waited for it");
        s.wake("woken after close");
        assertFalse(timerRan.await(1, TimeUnit.SECONDS), "neither a timer nor a wake runs after close");
        assertEquals(List.of("slow"), List.copyOf(runs));
    }

    @Test
    void aJobThatThrowsIsLoggedAndRetriedAfterTheErrorDelay() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(RetryScheduler.class);
        logger.addAppender(log);
        try {
            CountDownLatch retried = new CountDownLatch(1);
            long[] startedNanos = new long[2];
            RetryScheduler<String> s = scheduler(2, key -> {
                startedNanos[(int) runsOf(key) - 1] = System.nanoTime();
                if (runsOf(key) == 1) {
                    throw new IllegalStateException("bug in the job");
                }
                retried.countDown();
            });

            s.wake("a");

            await(retried, "the failed job was run again");
            Duration gap = Duration.ofNanos(startedNanos[1] - startedNanos[0]);
            assertTrue(gap.compareTo(RETRY_AFTER_ERROR) >= 0, "retried after the error delay, not at once: " + gap);
            List<ILoggingEvent> errors =
                    log.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
            assertEquals(1, errors.size(), log.list.toString());
            assertTrue(
                    errors.get(0).getFormattedMessage().contains("test a failed unexpectedly"),
                    errors.get(0).getFormattedMessage());
            assertEquals("bug in the job", errors.get(0).getThrowableProxy().getMessage());
        } finally {
            logger.detachAppender(log);
        }
    }
}
