package org.torchat.tui.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torchat.tui.Onions.onion;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.torchat.tui.daemon.FakeDaemonApi;
import org.torchat.tui.daemon.HistoryEntry;
import org.torchat.tui.daemon.IncomingMessage;

/**
 * Issue 14 item 5: a signed message for an open conversation is appended as it is, without reading the conversation
 * again; only a message the daemon does not call verified makes the client ask HISTORY, which knows whether it
 * looks forged.
 */
@Timeout(30)
class IncomingPathTest {
    private static final String SELF = onion(0);
    private static final String ALICE = onion(1);

    private static long historyRequests(FakeDaemonApi daemon) {
        return daemon.requestsQuietly().stream().filter("HISTORY"::equals).count();
    }

    @Test
    void aSignedMessageIsAppendedWithoutReReading() throws Exception {
        FakeDaemonApi daemon = new FakeDaemonApi(SELF);
        ChatState state = ChatState.start(SELF, List.of(ALICE));
        state.showHistory(
                ALICE,
                List.of(new HistoryEntry(
                        java.time.LocalDate.now() + " 09:00", true, "received", "earlier", null, true)));
        try (VirtualScreen v = new VirtualScreen(100, 24);
                DaemonWorker worker = DaemonWorker.start(daemon, e -> {})) {
            TuiApp app = new TuiApp(v.screen, state, new EventQueue(), worker);
            app.apply(new UiEvent.MessagesArrived(List.of(new IncomingMessage(ALICE, "09:05", "signed one", true))));
            Thread.sleep(200); // a re-read would have been asked by now
            assertEquals(0, historyRequests(daemon));
            assertEquals(
                    List.of("--- " + java.time.LocalDate.now() + " ---", "[09:00] earlier", "[09:05] signed one"),
                    state.visibleBuffer());
        }
    }

    @Test
    void anUnsignedMessageIsShownFromTheHistoryWithItsMark() throws Exception {
        FakeDaemonApi daemon = new FakeDaemonApi(SELF);
        ChatState state = ChatState.start(SELF, List.of(ALICE));
        state.showHistory(ALICE, List.of());
        try (VirtualScreen v = new VirtualScreen(100, 24);
                DaemonWorker worker = DaemonWorker.start(daemon, e -> {})) {
            TuiApp app = new TuiApp(v.screen, state, new EventQueue(), worker);
            app.apply(new UiEvent.MessagesArrived(List.of(new IncomingMessage(ALICE, "09:05", "who am I", false))));
            long deadline = System.currentTimeMillis() + 5_000;
            while (historyRequests(daemon) == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(historyRequests(daemon) > 0, "the history is read again");
            assertTrue(
                    state.visibleBuffer().stream().noneMatch(l -> l.contains("who am I")),
                    "not appended without its mark");
        }
    }
}
