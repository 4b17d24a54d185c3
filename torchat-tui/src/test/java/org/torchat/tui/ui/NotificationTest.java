package org.torchat.tui.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torchat.tui.Onions.onion;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.terminal.virtual.VirtualTerminalListener;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.torchat.tui.daemon.FakeDaemonApi;
import org.torchat.tui.daemon.HistoryEntry;
import org.torchat.tui.daemon.IncomingMessage;

/** Issue 14 item 3: the bell for a message to a peer that is not open, the unread total, the "new messages" line. */
@Timeout(30)
class NotificationTest {
    private static final String SELF = onion(0);
    private static final String ALICE = onion(1);
    private static final String BOB = onion(2);

    /** Counts the bells the virtual terminal hears. */
    private static AtomicInteger bells(VirtualScreen v) {
        AtomicInteger bells = new AtomicInteger();
        v.terminal.addVirtualTerminalListener(new VirtualTerminalListener() {
            @Override
            public void onFlush() {}

            @Override
            public void onBell() {
                bells.incrementAndGet();
            }

            @Override
            public void onClose() {}

            @Override
            public void onResized(
                    com.googlecode.lanterna.terminal.Terminal terminal, com.googlecode.lanterna.TerminalSize size) {}
        });
        return bells;
    }

    private static int bellsFor(ClientSettings.Bell policy, boolean bobIsContact, String from) throws IOException {
        ChatState state = ChatState.start(SELF, List.of(ALICE));
        if (bobIsContact) {
            state.setContacts(List.of(FakeDaemonApi.contact(BOB, "Bob")));
        }
        FakeDaemonApi daemon = new FakeDaemonApi(SELF);
        try (VirtualScreen v = new VirtualScreen(100, 24);
                DaemonWorker worker = DaemonWorker.start(daemon, e -> {})) {
            AtomicInteger bells = bells(v);
            TuiApp app = new TuiApp(
                    v.screen, state, new EventQueue(), worker, new ClientSettings(Theme.colour(), policy, false));
            app.apply(new UiEvent.MessagesArrived(List.of(new IncomingMessage(from, "12:00", "hi"))));
            return bells.get();
        }
    }

    @Test
    void aMessageForAPeerThatIsNotOpenRingsTheBell() throws IOException {
        assertEquals(1, bellsFor(ClientSettings.Bell.ON, false, BOB));
        assertEquals(0, bellsFor(ClientSettings.Bell.ON, false, ALICE), "Alice is open: no bell");
        assertEquals(0, bellsFor(ClientSettings.Bell.OFF, true, BOB));
        assertEquals(1, bellsFor(ClientSettings.Bell.CONTACTS, true, BOB));
        assertEquals(0, bellsFor(ClientSettings.Bell.CONTACTS, false, BOB), "a stranger does not ring");
    }

    @Test
    void theStatusLineShowsTheUnreadTotal() throws IOException {
        ChatState s = ChatState.start(SELF, List.of(ALICE));
        s.setTorStatus("tor ready");
        s.appendIncoming(new IncomingMessage(BOB, "12:00", "one"));
        s.appendIncoming(new IncomingMessage(BOB, "12:01", "two"));
        s.appendIncoming(new IncomingMessage(onion(3), "12:02", "three"));
        assertEquals(3, s.unreadTotal());
        try (VirtualScreen v = new VirtualScreen(100, 24)) {
            v.draw(s);
            assertTrue(v.row(22).contains("| 3 unread"), v.row(22));
        }
    }

    @Test
    void theNewMessagesLineSitsAboveTheFirstUnreadMessageWhenThePeerIsOpened() throws IOException {
        ChatState s = ChatState.start(SELF, List.of(ALICE));
        s.countIncoming(BOB);
        s.countIncoming(BOB);
        s.selectPeer(BOB);
        List<HistoryEntry> history = List.of(
                new HistoryEntry("2026-12-04 09:00", true, "received", "old", null, true),
                new HistoryEntry("2026-12-04 09:05", false, "delivered", "reply", null),
                new HistoryEntry("2026-12-04 12:00", true, "received", "new one", null, true),
                new HistoryEntry("2026-12-04 12:01", true, "received", "new two", null, true));
        s.showHistory(BOB, history);
        assertEquals(
                List.of(
                        "--- 2026-12-04 ---",
                        "[09:00] old",
                        "[09:05] > reply  (delivered)",
                        ChatState.NEW_MESSAGES,
                        "[12:00] new one",
                        "[12:01] new two"),
                s.visibleBuffer());
        // Read again (a new message arrived while open): the line stays where it was.
        List<HistoryEntry> more = new java.util.ArrayList<>(history);
        more.add(new HistoryEntry("2026-12-04 12:02", true, "received", "newer", null, true));
        s.showHistory(BOB, more);
        assertEquals(ChatState.NEW_MESSAGES, s.visibleBuffer().get(3));
        try (VirtualScreen v = new VirtualScreen(100, 24)) {
            v.draw(s);
            int row = 0;
            while (!v.row(row).contains(ChatState.NEW_MESSAGES)) {
                row++;
            }
            assertEquals(
                    TextColor.ANSI.RED,
                    v.terminal.getCharacter(v.row(row).indexOf("---"), row).getForegroundColor());
        }
        // Once left, the conversation has been read: no line when it is opened again.
        s.selectPeer(ALICE);
        s.selectPeer(BOB);
        s.showHistory(BOB, more);
        assertTrue(s.visibleBuffer().stream().noneMatch(ChatState.NEW_MESSAGES::equals));
    }
}
