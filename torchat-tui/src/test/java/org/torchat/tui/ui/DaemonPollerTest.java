package org.torchat.tui.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torchat.tui.Onions.onion;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.torchat.tui.DaemonRefusedException;
import org.torchat.tui.DaemonUnreachableException;
import org.torchat.tui.daemon.FakeDaemonApi;
import org.torchat.tui.daemon.IncomingMessage;

class DaemonPollerTest {
    private static final String ALICE = onion(1);
    private static final String BOB = onion(2);

    private final FakeDaemonApi daemon = new FakeDaemonApi(onion(0));
    private final List<UiEvent> events = new ArrayList<>();
    /** A short wait: the fake holds an empty long poll for it, as the daemon does. */
    private final DaemonPoller poller = new DaemonPoller(daemon, events::add, Duration.ofMillis(20));

    @Test
    void popsEveryUnreadMessageOfEveryPeerInOneEvent() {
        daemon.receive(ALICE, "10:00", "a1");
        daemon.receive(BOB, "10:01", "b1");
        daemon.receive(ALICE, "10:02", "a2");
        poller.pollOnce();
        assertEquals(
                List.of(new UiEvent.MessagesArrived(List.of(
                        new IncomingMessage(ALICE, "10:00", "a1"),
                        new IncomingMessage(ALICE, "10:02", "a2"),
                        new IncomingMessage(BOB, "10:01", "b1")))),
                events);
        assertTrue(daemon.peersWithUnreadQuietly().isEmpty());
    }

    @Test
    void quietRoundsPostNothing() {
        poller.pollOnce();
        poller.pollOnce();
        assertEquals(List.of(), events);
    }

    @Test
    void reportsTheDaemonGoingAwayOnceAndComingBack() {
        daemon.failure = new DaemonUnreachableException("localhost", 8000, new ConnectException("Connection refused"));
        poller.pollOnce();
        poller.pollOnce();
        assertEquals(1, events.size());
        UiEvent.DaemonStatus down = (UiEvent.DaemonStatus) events.get(0);
        assertTrue(down.problem().startsWith("cannot reach the daemon at localhost:8000: Connection refused"));

        daemon.failure = null;
        poller.pollOnce();
        poller.pollOnce();
        assertEquals(List.of(down, new UiEvent.DaemonStatus(null)), events);
    }

    @Test
    void aRefusalIsReportedOncePerReason() {
        daemon.failure = new DaemonRefusedException("busy");
        poller.pollOnce();
        poller.pollOnce();
        assertEquals(List.of(new UiEvent.Notice("! fetching messages: the daemon refused: busy")), events);
    }

    @Test
    void messagesPoppedBeforeAFailureAreStillDelivered() throws Exception {
        FakeDaemonApi flaky = new FakeDaemonApi(onion(0)) {
            private int pops;

            @Override
            public synchronized java.util.Optional<IncomingMessage> popUnread(String peer)
                    throws org.torchat.tui.TorchatException {
                if (++pops == 2) {
                    throw new DaemonUnreachableException("localhost", 8000, new IOException("reset"));
                }
                return super.popUnread(peer);
            }
        };
        flaky.receive(ALICE, "10:00", "a1");
        flaky.receive(ALICE, "10:01", "a2");
        List<UiEvent> got = new ArrayList<>();
        new DaemonPoller(flaky, got::add, Duration.ofMillis(20)).pollOnce();
        assertEquals(2, got.size());
        assertTrue(got.contains(new UiEvent.MessagesArrived(List.of(new IncomingMessage(ALICE, "10:00", "a1")))));
    }

    @Test
    void startedItPollsOnItsOwnThreadUntilClosed() throws InterruptedException {
        daemon.receive(ALICE, "10:00", "hi");
        CountDownLatch arrived = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        try (DaemonPoller running = new DaemonPoller(
                daemon,
                e -> {
                    synchronized (threads) {
                        threads.add(Thread.currentThread());
                    }
                    arrived.countDown();
                },
                Duration.ofMillis(10))) {
            running.start();
            assertTrue(arrived.await(10, TimeUnit.SECONDS));
        }
        synchronized (threads) {
            assertTrue(threads.get(0).getName().startsWith("torchat-poller"));
            assertTrue(threads.get(0).isDaemon());
        }
    }

    @Test
    void everyRoundIsALongPollWithTheWait() {
        daemon.receive(ALICE, "10:00", "a1");
        poller.pollOnce();
        poller.pollOnce();
        assertEquals(List.of("GET_PEERS_WAIT", "UPDATE", "UPDATE", "GET_PEERS_WAIT"), daemon.requestsQuietly());
        assertEquals(List.of(Duration.ofMillis(20), Duration.ofMillis(20)), daemon.waits);
    }

    @Test
    void theWaitIsCappedAtTheDaemonsMaximum() {
        daemon.receive(ALICE, "10:00", "a1"); // answered at once, so the 60 s are not spent
        new DaemonPoller(daemon, e -> {}, Duration.ofDays(1)).pollOnce();
        assertEquals(List.of(Duration.ofSeconds(60)), daemon.waits);
    }

    /** Runs a started poller until the fake has seen {@code n} long polls; returns the elapsed nanoseconds. */
    private static long runUntilLongPolls(DaemonPoller running, FakeDaemonApi fake, int n) throws InterruptedException {
        long start = System.nanoTime();
        running.start();
        synchronized (fake) {
            while (fake.requests.stream().filter("GET_PEERS_WAIT"::equals).count() < n) {
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20), "too slow: " + fake.requests);
                fake.wait(50);
            }
        }
        return System.nanoTime() - start;
    }

    @Test
    void anIdleClientMakesOneRequestPerWaitAndDoesNotSpin() throws Exception {
        // a fake that never has messages and holds each long poll for the wait, as the daemon does
        Duration wait = Duration.ofMillis(300);
        try (DaemonPoller running = new DaemonPoller(
                daemon, events::add, wait, Duration.ofSeconds(3), Duration.ofDays(1), Duration.ofMillis(1))) {
            long elapsed = runUntilLongPolls(running, daemon, 4);
            List<String> requests = daemon.requestsQuietly();
            System.out.printf("DaemonPollerTest: idle, %d ms: %s%n", TimeUnit.NANOSECONDS.toMillis(elapsed), requests);
            long polls = requests.stream().filter("GET_PEERS_WAIT"::equals).count();
            // 4 long polls need at least 3 full waits; a spinning poller would have made thousands of requests
            assertTrue(elapsed >= 3 * wait.toNanos(), "returned too early: " + elapsed / 1_000_000 + " ms");
            assertTrue(polls <= 5, requests.toString());
            assertEquals(List.of("GET_PEERS_WAIT", "STATUS"), requests.subList(0, 2), "STATUS once at the start");
            assertEquals(1, requests.stream().filter("STATUS"::equals).count(), "STATUS is not asked every round");
            assertTrue(
                    requests.stream().noneMatch(r -> r.equals("GET_PEERS") || r.equals("UPDATE")), requests.toString());
        }
        assertEquals(List.of(new UiEvent.TorStatus("tor ready, onion service published")), events);
    }

    @Test
    void aDaemonThatIgnoresWaitIsPolledAtMostOncePerMinimumRound() throws Exception {
        daemon.ignoresWait = true; // answers every long poll at once, empty
        Duration minRound = Duration.ofMillis(100);
        try (DaemonPoller running = new DaemonPoller(
                daemon, e -> {}, Duration.ofSeconds(25), Duration.ofSeconds(3), Duration.ofDays(1), minRound)) {
            long elapsed = runUntilLongPolls(running, daemon, 5);
            assertTrue(elapsed >= 4 * minRound.toNanos(), "spins: 5 polls in " + elapsed / 1_000_000 + " ms");
        }
    }

    @Test
    void aMessageIsPostedAsSoonAsItReachesTheWaitingDaemon() throws Exception {
        CountDownLatch got = new CountDownLatch(1);
        List<UiEvent> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (DaemonPoller running = new DaemonPoller(
                daemon,
                e -> {
                    seen.add(e);
                    if (e instanceof UiEvent.MessagesArrived) {
                        got.countDown();
                    }
                },
                Duration.ofSeconds(25),
                Duration.ofSeconds(3),
                Duration.ofDays(1),
                Duration.ofMillis(1))) {
            runUntilLongPolls(running, daemon, 1); // now held in the 25 s long poll
            long start = System.nanoTime();
            daemon.receive(ALICE, "10:00", "now");
            assertTrue(got.await(10, TimeUnit.SECONDS));
            long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
            System.out.printf(
                    "DaemonPollerTest: message reached the fake -> posted to the UI queue in %.2f ms%n",
                    micros / 1000.0);
            assertTrue(micros < 5_000_000, "woken by the message, not by the end of the 25 s wait: " + micros);
        }
        assertTrue(seen.contains(new UiEvent.MessagesArrived(List.of(new IncomingMessage(ALICE, "10:00", "now")))));
    }

    @Test
    void anUnreachableDaemonIsRetriedAfterThePauseNotInALoop() throws Exception {
        daemon.failure = new DaemonUnreachableException("localhost", 8000, new ConnectException("Connection refused"));
        Duration retry = Duration.ofMillis(200);
        try (DaemonPoller running = new DaemonPoller(
                daemon, events::add, Duration.ofSeconds(25), retry, Duration.ofDays(1), Duration.ofMillis(1))) {
            long elapsed = runUntilLongPolls(running, daemon, 3);
            assertTrue(elapsed >= 2 * retry.toNanos(), "retried too fast: " + elapsed / 1_000_000 + " ms");
        }
        assertEquals(1, events.size(), "reported once: " + events);
    }
}
