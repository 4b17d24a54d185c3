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
    private final DaemonPoller poller = new DaemonPoller(daemon, events::add, Duration.ofDays(1));

    @Test
    void popsEveryUnreadMessageOfEveryPeerInOneEvent() {
        daemon.receive(ALICE, "10:00", "a1");
        daemon.receive(BOB, "10:01", "b1");
        daemon.receive(ALICE, "10:02", "a2");
        poller.pollOnce();
        assertEquals(List.of(new UiEvent.MessagesArrived(List.of(
                new IncomingMessage(ALICE, "10:00", "a1"),
                new IncomingMessage(ALICE, "10:02", "a2"),
                new IncomingMessage(BOB, "10:01", "b1")))), events);
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
        new DaemonPoller(flaky, got::add, Duration.ofDays(1)).pollOnce();
        assertEquals(2, got.size());
        assertTrue(got.contains(new UiEvent.MessagesArrived(List.of(new IncomingMessage(ALICE, "10:00", "a1")))));
    }

    @Test
    void startedItPollsOnItsOwnThreadUntilClosed() throws InterruptedException {
        daemon.receive(ALICE, "10:00", "hi");
        CountDownLatch arrived = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        try (DaemonPoller running = new DaemonPoller(daemon, e -> {
            synchronized (threads) {
                threads.add(Thread.currentThread());
            }
            arrived.countDown();
        }, Duration.ofMillis(10))) {
            running.start();
            assertTrue(arrived.await(10, TimeUnit.SECONDS));
        }
        synchronized (threads) {
            assertTrue(threads.get(0).getName().startsWith("torchat-poller"));
            assertTrue(threads.get(0).isDaemon());
        }
    }
}
