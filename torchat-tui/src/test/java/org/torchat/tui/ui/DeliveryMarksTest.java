package org.torchat.tui.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torchat.tui.Onions.onion;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.torchat.tui.TorchatException;
import org.torchat.tui.daemon.FakeDaemonApi;
import org.torchat.tui.daemon.HistoryEntry;

/**
 * Issue 14 item 5: a delivery mark changes when the daemon's {@code delivery} token (the long poll) says so, and the
 * client reads only the messages whose mark can still change, never the whole conversation.
 */
@Timeout(20)
class DeliveryMarksTest {
    private static final String SELF = onion(0);
    private static final String ALICE = onion(1);

    /** A daemon whose delivery token the test moves, recording how many messages each HISTORY asked for. */
    private static final class TokenDaemon extends FakeDaemonApi {
        String delivery = "run.0";
        final List<Integer> historyCounts = new ArrayList<>();

        TokenDaemon() {
            super(SELF);
        }

        @Override
        public synchronized Optional<String> changeToken(String name) {
            return "delivery".equals(name) ? Optional.of(delivery) : Optional.empty();
        }

        @Override
        public synchronized List<HistoryEntry> history(String peer, int n) throws TorchatException {
            historyCounts.add(n);
            return super.history(peer, n);
        }

        synchronized void deliver(int index) {
            HistoryEntry e = history.get(index);
            history.set(index, new HistoryEntry(e.time(), false, "delivered", e.text(), null));
            delivery = "run." + (Integer.parseInt(delivery.substring(4)) + 1);
        }
    }

    private static List<HistoryEntry> conversation() {
        List<HistoryEntry> entries = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            entries.add(new HistoryEntry("2026-11-25 09:" + (10 + i), true, "received", "older " + i, null, true));
        }
        entries.add(new HistoryEntry("2026-11-25 09:45", false, "queued", "are you there?", null));
        return entries;
    }

    private static void drain(TuiApp app, EventQueue events) {
        Optional<UiEvent> e;
        while ((e = events.poll()).isPresent()) {
            app.apply(e.get());
        }
    }

    @Test
    void theMarkOnScreenChangesWhenTheDeliveryTokenMovesAndOnlyThatMessageIsRead() throws Exception {
        TokenDaemon daemon = new TokenDaemon();
        daemon.history.addAll(conversation());
        EventQueue events = new EventQueue();
        ChatState state = ChatState.start(SELF, List.of(ALICE));
        state.showHistory(ALICE, daemon.history);
        DaemonPoller poller = new DaemonPoller(daemon, events::post, Duration.ZERO);
        try (VirtualScreen v = new VirtualScreen(100, 40)) {
            TuiApp app = new TuiApp(v.screen, state, events, new DaemonWorker(daemon, events::post, Runnable::run));
            poller.pollOnce(); // the first token seen: nothing of ours changed on screen
            drain(app, events);
            v.draw(state);
            assertTrue(v.text().contains("[09:45] > are you there?  (queued)"), v.text());

            daemon.deliver(30);
            poller.pollOnce();
            drain(app, events);
            v.draw(state);
            assertTrue(v.text().contains("[09:45] > are you there?  (delivered)"), v.text());
            assertEquals(List.of(1, 1), daemon.historyCounts, "one message read each time, not the conversation");

            daemon.delivery = "run.9"; // a transfer moved, say: nothing of ours is queued, so nothing is read
            poller.pollOnce();
            drain(app, events);
            assertEquals(List.of(1, 1), daemon.historyCounts);
        }
    }

    @Test
    void aMessageJustSentIsCoveredWhileTheReadAfterItsSendIsStillOnItsWay() throws Exception {
        TokenDaemon daemon = new TokenDaemon();
        daemon.history.addAll(conversation().subList(0, 30));
        EventQueue events = new EventQueue();
        ChatState state = ChatState.start(SELF, List.of(ALICE));
        state.showHistory(ALICE, List.copyOf(daemon.history));
        try (VirtualScreen v = new VirtualScreen(100, 40)) {
            TuiApp app = new TuiApp(v.screen, state, events, new DaemonWorker(daemon, events::post, Runnable::run));
            state.appendOwn(ALICE, "typed just now");
            // The worker read the history right after the SEND (queued) but the UI has not applied it yet...
            daemon.history.add(new HistoryEntry("2026-11-25 09:50", false, "queued", "typed just now", null));
            events.post(new UiEvent.HistoryLoaded(ALICE, List.copyOf(daemon.history)));
            // ...when the delivery token moves: the typed line counts as a message whose mark can change.
            daemon.deliver(30);
            app.apply(new UiEvent.DeliveryChanged());
            drain(app, events);
            assertTrue(
                    state.visibleBuffer().contains("[09:50] > typed just now  (delivered)"),
                    state.visibleBuffer().toString());
            assertEquals(List.of(1), daemon.historyCounts);
        }
    }
}
