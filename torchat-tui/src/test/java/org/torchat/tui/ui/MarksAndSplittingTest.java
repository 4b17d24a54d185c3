package org.torchat.tui.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torchat.tui.Onions.onion;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.torchat.protocol.TextLimits;
import org.torchat.tui.daemon.FakeDaemonApi;
import org.torchat.tui.daemon.HistoryEntry;

/** Per-message marks from HISTORY, the status line, /history, and long input split into several messages. */
@Timeout(20)
class MarksAndSplittingTest {
    private static final String SELF = onion(0);
    private static final String ALICE = onion(1);

    private static List<HistoryEntry> conversation(boolean aliceSigns) {
        return List.of(
                new HistoryEntry("2026-11-24 23:59", true, "received", "late hello", null, aliceSigns),
                new HistoryEntry("2026-11-25 09:00", false, "delivered", "morning", null, null),
                new HistoryEntry("2026-11-25 09:01", false, "sent", "to an old daemon", null, null),
                new HistoryEntry(
                        "2026-11-25 09:02", false, "queued", "retrying", "SOCKS5 reply 4: host unreachable", null),
                new HistoryEntry("2026-11-25 09:03", false, "queued", "just sent", null, null),
                new HistoryEntry("2026-11-25 09:04", false, "failed", "gave up", "timed out", null),
                new HistoryEntry("2026-11-25 09:05", true, "received", "unsigned", null, false));
    }

    @Test
    void theRendererShowsTimeDirectionDeliveryAndVerificationMarks() throws IOException {
        ChatState s = ChatState.start(SELF, List.of(ALICE));
        s.showHistory(ALICE, conversation(true));
        try (VirtualScreen v = new VirtualScreen(120, 32)) {
            v.draw(s);
            String chat = v.text();
            List<String> expected = List.of(
                    "| --- 2026-11-24 ---",
                    "| [23:59] late hello",
                    "| --- 2026-11-25 ---",
                    "| [09:00] > morning  (delivered)",
                    "| [09:01] > to an old daemon  (sent)",
                    "| [09:02] > retrying  (queued, retrying: SOCKS5 reply 4: host unreachable)",
                    "| [09:03] > just sent  (queued)",
                    "| [09:04] > gave up  (FAILED: timed out)",
                    "| [09:05] unsigned  (UNVERIFIED: not signed by this peer, likely forged)");
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i), v.row(i).substring(30).stripTrailing(), chat);
            }
        }
    }

    @Test
    void aPeerThatNeverSignedGetsTheMildMark() {
        ChatState s = ChatState.start(SELF, List.of(ALICE));
        s.showHistory(ALICE, conversation(false));
        assertTrue(
                s.visibleBuffer().contains("[23:59] late hello  (unverified)"),
                s.visibleBuffer().toString());
        assertTrue(
                s.visibleBuffer().contains("[09:05] unsigned  (unverified)"),
                s.visibleBuffer().toString());
    }

    @Test
    void theStatusLineShowsTheDaemonAndTor() throws IOException {
        ChatState s = ChatState.start(SELF, List.of(ALICE));
        s.setTorStatus("tor ready (100%), onion service published");
        try (VirtualScreen v = new VirtualScreen(110, 32)) {
            v.draw(s);
            assertTrue(
                    v.row(30).startsWith("-- daemon reachable | tor ready (100%), onion service published --"),
                    v.row(30));
            s.setDaemonProblem("cannot reach the daemon at localhost:8000: Connection refused");
            v.draw(s);
            assertTrue(
                    v.row(30).startsWith("-- daemon unreachable: cannot reach the daemon at localhost:8000"),
                    v.row(30));
            s.setDaemonProblem(null);
            s.setTorStatus("tor bootstrapping (45%)");
            v.draw(s);
            assertTrue(v.row(30).startsWith("-- daemon reachable | tor bootstrapping (45%) --"), v.row(30));
        }
    }

    @Test
    void aSentMessageShowsQueuedThenItsNewStatusFromHistory() throws Exception {
        FakeDaemonApi daemon = new FakeDaemonApi(SELF);
        EventQueue events = new EventQueue();
        DaemonWorker worker = new DaemonWorker(daemon, events::post, Runnable::run);
        ChatState state = ChatState.start(SELF, List.of(ALICE));
        try (VirtualScreen v = new VirtualScreen(110, 32)) {
            TuiApp app = new TuiApp(v.screen, state, events, worker);
            worker.send(ALICE, "hi there");
            drain(app, events);
            assertEquals(List.of("--- 2026-11-25 ---", "[19:00] > hi there  (queued)"), state.visibleBuffer());
            synchronized (daemon) {
                daemon.history.set(0, new HistoryEntry("2026-11-25 19:00", false, "delivered", "hi there", null));
            }
            worker.loadHistory(ALICE, 100);
            drain(app, events);
            assertEquals(
                    "[19:00] > hi there  (delivered)", state.visibleBuffer().get(1));
        }
    }

    @Test
    void historyCommandAsksForTheCurrentPeersConversation() {
        ChatState s = ChatState.start(SELF, List.of(ALICE));
        InputHandler h = new InputHandler(s);
        typeLine(h, "/history 5");
        assertEquals(Optional.of(new UiAction.LoadHistory(ALICE, 5)), h.handle(new KeyStroke(KeyType.Enter)));
        typeLine(h, "/history");
        assertEquals(
                Optional.of(new UiAction.LoadHistory(ALICE, DaemonWorker.DEFAULT_HISTORY)),
                h.handle(new KeyStroke(KeyType.Enter)));
        typeLine(h, "/history 1001");
        assertEquals(Optional.empty(), h.handle(new KeyStroke(KeyType.Enter)));
        assertTrue(s.visibleBuffer().get(s.visibleBuffer().size() - 1).startsWith("! /history N"));
    }

    @Test
    void longInputIsSentAsSeveralMessagesWithinTheLimit() {
        ChatState s = ChatState.start(SELF, List.of(ALICE));
        InputHandler h = new InputHandler(s);
        String text = "word ".repeat(4000) + "\u00e9\"\\\n".repeat(1000);
        s.editor().set(text);
        UiAction.Send send =
                (UiAction.Send) h.handle(new KeyStroke(KeyType.Enter)).orElseThrow();
        assertTrue(send.parts().size() > 1, "split");
        assertEquals(text, String.join("", send.parts()));
        for (String part : send.parts()) {
            assertTrue(TextLimits.fits(part), TextLimits.encodedBytes(part) + " bytes");
        }
        assertTrue(s.visibleBuffer()
                .get(s.visibleBuffer().size() - 1)
                .contains("sent as " + send.parts().size()));
    }

    @Test
    void splittingCutsBetweenCodePointsNeverInsideASurrogatePair() {
        String emoji = "\ud83d\ude00"; // 4 bytes in UTF-8
        String text = "a" + emoji.repeat(10);
        // no piece may end in half of a pair
        List<String> pieces = MessageSplitter.split(text, 8);
        assertEquals(text, String.join("", pieces));
        for (String p : pieces) {
            assertTrue(TextLimits.encodedBytes(p) <= 8, p);
            assertTrue(!Character.isHighSurrogate(p.charAt(p.length() - 1)), "ends inside a pair: " + p);
            assertTrue(!Character.isLowSurrogate(p.charAt(0)), "starts inside a pair: " + p);
        }
        assertEquals(List.of("a" + emoji, emoji + emoji, emoji + emoji, emoji + emoji, emoji + emoji, emoji), pieces);
        // 7 bytes: after "a" and one emoji (5 bytes) the next emoji does not fit, and is not cut in half
        assertEquals(List.of("a" + emoji, emoji, emoji), MessageSplitter.split("a" + emoji.repeat(3), 7));
    }

    @Test
    void splittingPrefersABreakAfterASpaceAndCountsEscapes() {
        assertEquals(List.of("hello ", "world"), MessageSplitter.split("hello world", 8));
        // '"' takes 2 bytes as JSON, '\n' 2, a control character 6 (\\u0001)
        assertEquals(List.of("\"\"\"", "\"\n", "\u0001"), MessageSplitter.split("\"\"\"\"\n\u0001", 6));
        assertEquals(List.of("short"), MessageSplitter.split("short"));
        assertEquals(List.of(), MessageSplitter.split(""));
        String max = "x".repeat(TextLimits.MAX_ENCODED_BYTES);
        assertEquals(List.of(max), MessageSplitter.split(max));
        assertEquals(List.of(max, "y"), MessageSplitter.split(max + "y"));
    }

    private static void typeLine(InputHandler h, String text) {
        for (char c : text.toCharArray()) {
            h.handle(new KeyStroke(c, false, false));
        }
    }

    private static void drain(TuiApp app, EventQueue events) {
        List<UiEvent> seen = new ArrayList<>();
        Optional<UiEvent> e;
        while ((e = events.poll()).isPresent()) {
            seen.add(e.get());
            app.apply(e.get());
        }
    }

    @Test
    void aMessageForAConversationShownFromHistoryIsShownByReReadingItNotTwice() throws Exception {
        FakeDaemonApi daemon = new FakeDaemonApi(SELF);
        EventQueue events = new EventQueue();
        DaemonWorker worker = new DaemonWorker(daemon, events::post, Runnable::run);
        ChatState state = ChatState.start(SELF, List.of(ALICE));
        try (VirtualScreen v = new VirtualScreen(110, 32)) {
            TuiApp app = new TuiApp(v.screen, state, events, worker);
            synchronized (daemon) {
                daemon.history.add(new HistoryEntry("2026-11-25 10:00", true, "received", "unread one", null, true));
            }
            worker.loadHistory(ALICE, 100);
            drain(app, events);
            assertEquals(List.of("--- 2026-11-25 ---", "[10:00] unread one"), state.visibleBuffer());
            // the poller pops the same message (HISTORY lists unread ones too), and a new one
            synchronized (daemon) {
                daemon.history.add(new HistoryEntry("2026-11-25 10:01", true, "received", "new one", null, false));
            }
            app.apply(new UiEvent.MessagesArrived(List.of(
                    new org.torchat.tui.daemon.IncomingMessage(ALICE, "10:00", "unread one"),
                    new org.torchat.tui.daemon.IncomingMessage(ALICE, "10:01", "new one"))));
            drain(app, events);
            assertEquals(
                    List.of(
                            "--- 2026-11-25 ---",
                            "[10:00] unread one",
                            "[10:01] new one  (UNVERIFIED: not signed by this peer, likely forged)"),
                    state.visibleBuffer());
        }
    }
}
