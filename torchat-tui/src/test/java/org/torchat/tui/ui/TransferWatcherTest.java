package org.torchat.tui.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.torchat.protocol.Extensions;
import org.torchat.tui.daemon.FakeDaemonApi;
import org.torchat.tui.daemon.TransferEntry;

@Timeout(30)
class TransferWatcherTest {
    private static final String PEER = "peer";

    private static long transferRequests(FakeDaemonApi daemon) {
        synchronized (daemon) {
            return daemon.requests.stream().filter("TRANSFERS"::equals).count();
        }
    }

    private static TransferEntry moving() {
        return new TransferEntry("t1", PEER, "f.bin", false, "sending", 1000, 10, null, null);
    }

    @Test
    void withTheDeliveryTokenItAsksOnlyWhenNudgedAndAtMostOnceASecond() throws Exception {
        FakeDaemonApi daemon = new FakeDaemonApi("self");
        daemon.tokens.put(Extensions.DELIVERY_VERSION, "d1");
        daemon.transfers.add(moving()); // moving: a daemon without the token would be asked every second
        List<UiEvent> events = new CopyOnWriteArrayList<>();
        try (TransferWatcher watcher = new TransferWatcher(daemon, events::add)) {
            watcher.start();
            Thread.sleep(2500);
            assertEquals(1, transferRequests(daemon), "one look at start, then none without a nudge");
            assertEquals(1, events.size());
            long nudging = System.nanoTime();
            while (System.nanoTime() - nudging < 3_000_000_000L) {
                watcher.nudge(); // the token moving every 50 ms, as during a transfer
                Thread.sleep(50);
            }
            long looks = transferRequests(daemon) - 1;
            assertTrue(looks >= 2 && looks <= 4, "60 nudges in 3 s: at most one look a second, got " + looks);
            Thread.sleep(1500);
            long settled = transferRequests(daemon);
            Thread.sleep(2000);
            assertEquals(settled, transferRequests(daemon), "the nudges over, nothing more is asked");
        }
    }

    @Test
    void withoutTheTokenItPollsEverySecondWhileATransferMoves() throws Exception {
        FakeDaemonApi daemon = new FakeDaemonApi("self");
        daemon.transfers.add(moving());
        try (TransferWatcher watcher = new TransferWatcher(daemon, e -> {})) {
            watcher.start();
            Thread.sleep(3500);
            long asked = transferRequests(daemon);
            assertTrue(asked >= 3 && asked <= 5, "asked " + asked + " times in 3.5 s");
        }
    }
}
