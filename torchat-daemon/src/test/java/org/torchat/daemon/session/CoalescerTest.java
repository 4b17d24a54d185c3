package org.torchat.daemon.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoalescerTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void aBurstOfRequestsRunsOnceAtOnceAndOnceWhenTheIntervalEnds() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Coalescer c = new Coalescer(runs::incrementAndGet, Duration.ofMillis(300), timer);
        for (int i = 0; i < 10_000; i++) {
            c.request();
        }
        assertEquals(1, runs.get(), "the first request runs at once, the rest wait for the interval");
        Thread.sleep(700);
        assertEquals(2, runs.get(), "the requests of the interval ran once, at its end: the last one is not lost");
    }

    @Test
    void aRequestAfterAQuietIntervalRunsAtOnce() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Coalescer c = new Coalescer(runs::incrementAndGet, Duration.ofMillis(50), timer);
        c.request();
        Thread.sleep(200);
        c.request();
        assertEquals(2, runs.get());
        timer.shutdown();
        assertTrue(timer.awaitTermination(1, TimeUnit.SECONDS), "nothing was left scheduled");
    }
}
