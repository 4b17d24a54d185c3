package org.torchat.tui.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torchat.tui.Onions.onion;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.torchat.tui.daemon.FakeDaemonApi;
import org.torchat.tui.daemon.HistoryEntry;

/** Issue 14 item 4: /search asks the daemon, lists what it found, and Enter jumps to a match in its conversation. */
@Timeout(30)
class SearchScreenTest {
    private static final String SELF = onion(0);
    private static final String ALICE = onion(1);
    private static final String BOB = onion(2);

    private static List<HistoryEntry> conversation(String needle, int after) {
        List<HistoryEntry> list = new ArrayList<>();
        list.add(new HistoryEntry("2026-12-01 09:00", true, "received", "the " + needle + " is here", null, true));
        for (int i = 0; i < after; i++) {
            list.add(new HistoryEntry(
                    "2026-12-01 10:" + String.format("%02d", i % 60), false, "delivered", "hay " + i, null));
        }
        return list;
    }

    private static void type(InputHandler in, String text) {
        text.chars().forEach(c -> in.handle(new KeyStroke((char) c, false, false)));
    }

    @Test
    void searchListsMatchesAndEnterJumpsToOne() throws Exception {
        FakeDaemonApi daemon = new FakeDaemonApi(SELF);
        daemon.searchable.put(BOB, conversation("kettle", 150)); // the fake lists Bob's match first: the newest
        daemon.searchable.put(ALICE, conversation("kettle", 3));
        daemon.history.addAll(conversation("kettle", 150));
        ChatState state = ChatState.start(SELF, List.of(ALICE, BOB));
        EventQueue events = new EventQueue();
        try (VirtualScreen v = new VirtualScreen(100, 30);
                DaemonWorker worker = DaemonWorker.start(daemon, events::post)) {
            TuiApp app = new TuiApp(v.screen, state, events, worker);
            InputHandler in = new InputHandler(state);
            type(in, "/search --all kettle");
            Optional<UiAction> action = in.handle(new KeyStroke(KeyType.Enter));
            assertEquals(new UiAction.Search(null, "kettle"), action.orElseThrow());
            worker.search(null, "kettle");
            app.apply(events.await(5_000).orElseThrow());
            assertEquals(ChatState.Mode.SEARCH, state.mode());
            v.draw(state);
            String screen = v.text();
            assertTrue(screen.contains("2 found"), screen);
            assertTrue(screen.contains("[2026-12-01 09:00] " + BOB.substring(0, 10)), screen);

            // The newest match (Bob's, listed first by the daemon) is chosen, at the bottom, highlighted.
            int row = 0;
            while (!v.row(row).substring(32).contains(BOB.substring(0, 10))) {
                row++;
            }
            assertEquals(TextColor.ANSI.YELLOW, v.terminal.getCharacter(32, row).getBackgroundColor());

            Optional<UiAction> jump = in.handle(new KeyStroke(KeyType.Enter));
            UiAction.LoadHistory load = (UiAction.LoadHistory) jump.orElseThrow();
            assertEquals(BOB, load.peer());
            assertTrue(load.count() > 150, "enough history to hold the match: " + load.count());
            assertEquals(Optional.of(BOB), state.currentPeer());
            state.showHistory(BOB, daemon.history(BOB, load.count()));
            v.draw(state);
            assertTrue(v.text().contains("the kettle is here"), "scrolled back to the match:\n" + v.text());
            assertTrue(state.scrollOffset() > 100);
        }
    }

    @Test
    void searchInTheCurrentConversationNeedsAPeerAndText() {
        ChatState state = ChatState.start(SELF, List.of());
        InputHandler in = new InputHandler(state);
        type(in, "/search kettle");
        assertEquals(Optional.empty(), in.handle(new KeyStroke(KeyType.Enter)));
        assertTrue(state.visibleBuffer().get(state.visibleBuffer().size() - 1).contains("/search --all kettle"));
        state.selectPeer(ALICE);
        type(in, "/search  ");
        assertEquals(Optional.empty(), in.handle(new KeyStroke(KeyType.Enter)));
        type(in, "/search kettle");
        assertEquals(Optional.of(new UiAction.Search(ALICE, "kettle")), in.handle(new KeyStroke(KeyType.Enter)));
    }

    @Test
    void escapeLeavesTheResults() {
        ChatState state = ChatState.start(SELF, List.of(ALICE));
        state.showSearch("x", false, List.of());
        assertEquals(ChatState.Mode.SEARCH, state.mode());
        new InputHandler(state).handle(new KeyStroke(KeyType.Escape));
        assertEquals(ChatState.Mode.CHAT, state.mode());
    }
}
