package org.torchat.tui.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torchat.tui.Onions.onion;
import static org.torchat.tui.daemon.FakeDaemonApi.contact;
import static org.torchat.tui.daemon.FakeDaemonApi.request;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.torchat.tui.DaemonRefusedException;
import org.torchat.tui.daemon.ContactChange;
import org.torchat.tui.daemon.FakeDaemonApi;
import org.torchat.tui.daemon.IncomingMessage;

/** Nicknames in the peer list, the requests section, and the contact commands, on a virtual terminal. */
@Timeout(20)
class ContactsUiTest {
    private static final String SELF = onion(0);
    private static final String ALICE = onion(1);
    private static final String BOB = onion(2);
    private static final String CAROL = onion(3);

    private final FakeDaemonApi daemon = new FakeDaemonApi(SELF);
    private final EventQueue events = new EventQueue();
    private final DaemonWorker worker = new DaemonWorker(daemon, events::post, Runnable::run);

    @Test
    void nicknamesReplaceAddressesAndRequestsAreListedApartWithTheirFirstMessage() throws Exception {
        ChatState s = ChatState.start(SELF, List.of(ALICE));
        s.setContacts(List.of(contact(ALICE, "Alice"), contact(BOB, "Bob")));
        s.setRequests(List.of(request(CAROL, "hello, may I?\nsecond line")));
        s.appendIncoming(new IncomingMessage(BOB, "18:59", "hi"));
        try (VirtualScreen v = new VirtualScreen(80, 24)) {
            v.draw(s);
            assertEquals("1. Alice", pane(v, 0));
            assertEquals("2. Bob (1)", pane(v, 1));
            assertEquals("Requests: 1", pane(v, 2));
            assertEquals(("? " + CAROL).substring(0, 30), pane(v, 3));
            assertEquals("  \"hello, may I?\"", pane(v, 4));
            assertEquals("", pane(v, 5));
            assertTrue(v.text().contains("TORchat Address:"), v.text());
        }
    }

    @Test
    void manyRequestsTakeAtMostHalfThePaneAndPeersStayVisible() throws Exception {
        ChatState s = ChatState.start(SELF, List.of(ALICE, BOB));
        s.setRequests(List.of(
                request(onion(10), "a"),
                request(onion(11), "b"),
                request(onion(12), "c"),
                request(onion(13), "d"),
                request(onion(14), "e"),
                request(onion(15), "f"),
                request(onion(16), "g")));
        try (VirtualScreen v = new VirtualScreen(80, 24)) {
            v.draw(s);
            assertEquals(("1. " + ALICE).substring(0, 30), pane(v, 0));
            assertEquals(("2. " + BOB).substring(0, 30), pane(v, 1));
            assertEquals("Requests: 7", pane(v, 2));
            String text = v.text();
            assertTrue(text.contains("\"a\"") && !text.contains("\"g\""), text);
        }
    }

    @Test
    void openAcceptNameAndBlockARequestFromTheKeyboard() throws Exception {
        daemon.requestList.add(request(CAROL, "hello, may I?"));
        ChatState state = ChatState.start(SELF, List.of());
        state.setRequests(daemon.requestList);
        try (VirtualScreen v = new VirtualScreen(110, 32)) {
            // Tab completes the stranger's address from the requests; /accept names it; /block needs no argument.
            type(v, "/peer " + CAROL.substring(0, 6));
            v.terminal.addInput(new KeyStroke(KeyType.Tab));
            type(v, "\n/accept Carol\n/block\n/quit\n");
            TuiApp app = new TuiApp(v.screen, state, events, worker);
            app.run();
            for (Optional<UiEvent> e = events.poll(); e.isPresent(); e = events.poll()) {
                app.apply(e.get());
            }
            v.draw(state);
            assertEquals("1. Carol", v.row(0).substring(0, 30).stripTrailing());
            assertTrue(
                    state.visibleBuffer().contains("Carol (" + CAROL + "): accepted"),
                    state.visibleBuffer().toString());
            assertTrue(
                    state.visibleBuffer().contains("Carol (" + CAROL + "): blocked"),
                    state.visibleBuffer().toString());
            assertTrue(!v.text().contains("Requests:"), "no request left: " + v.text());
        }
        assertEquals(
                List.of(
                        new ContactChange(ContactChange.Kind.ACCEPT, CAROL, "Carol"),
                        ContactChange.of(ContactChange.Kind.BLOCK, CAROL)),
                daemon.changes);
        assertEquals(Optional.of(CAROL), state.currentPeer());
    }

    @Test
    void addThenTalkByNicknameAndCompleteIt() {
        ChatState s = ChatState.start(SELF, List.of());
        InputHandler h = new InputHandler(s);
        assertEquals(
                Optional.of(new UiAction.ChangeContact(new ContactChange(ContactChange.Kind.ADD, BOB, "Bob Smith"))),
                enter(h, s, "/add " + BOB.toUpperCase() + " Bob Smith"));
        s.setContacts(List.of(contact(BOB, "Bob Smith")));
        s.editor().set("/peer bo");
        s.complete();
        assertEquals("/peer Bob Smith", s.input(), "nicknames complete, in their own letter case");
        s.editor().set("");
        enter(h, s, "/peer BOB SMITH");
        assertEquals(Optional.of(BOB), s.currentPeer());
        assertEquals(
                Optional.of(new UiAction.ChangeContact(new ContactChange(ContactChange.Kind.RENAME, BOB, "Robert"))),
                enter(h, s, "/nick Robert"));
        assertEquals(
                Optional.of(new UiAction.ChangeContact(ContactChange.of(ContactChange.Kind.UNBLOCK, BOB))),
                enter(h, s, "/unblock bob smith"));
        assertEquals(Optional.of(new UiAction.ShowContacts()), enter(h, s, "/contacts"));
    }

    @Test
    void badContactCommandsAreExplainedInTheBufferAndAskNothing() {
        ChatState s = ChatState.start(SELF, List.of());
        InputHandler h = new InputHandler(s);
        assertEquals(Optional.empty(), enter(h, s, "/nick Bob"));
        assertTrue(last(s).contains("/nick NAME gives the current peer a nickname: choose one with /peer"), last(s));
        assertEquals(Optional.empty(), enter(h, s, "/block"));
        assertTrue(last(s).startsWith("! /block needs a peer"), last(s));
        assertEquals(Optional.empty(), enter(h, s, "/add"));
        assertTrue(last(s).contains("onion address is missing"), last(s));
        assertEquals(Optional.empty(), enter(h, s, "/add nobody"));
        assertTrue(last(s).startsWith("! 'nobody' is not an onion address"), last(s));
        assertEquals(Optional.empty(), enter(h, s, "/add " + BOB + " bad\u0007name"));
        assertEquals("! a nickname may not contain control characters", last(s));
        assertEquals(Optional.empty(), enter(h, s, "/block nobody"));
        assertTrue(last(s).endsWith("nor is it a contact's nickname"), last(s));
        s.selectPeer(BOB);
        assertEquals(Optional.empty(), enter(h, s, "/nick " + "x".repeat(31)));
        assertEquals("! a nickname has at most 30 characters, this has 31", last(s));
    }

    @Test
    void contactsListsBothSectionsAndARefusedChangeShowsTheReason() throws Exception {
        ChatState state = ChatState.start(SELF, List.of(ALICE));
        daemon.contactList.put(ALICE, contact(ALICE, "Alice"));
        daemon.requestList.add(request(CAROL, "hi?"));
        try (VirtualScreen v = new VirtualScreen(110, 32)) {
            TuiApp app = new TuiApp(v.screen, state, events, worker);
            worker.loadContacts(true);
            daemon.changeFailure =
                    new DaemonRefusedException(ALICE + " is already a contact (RENAME changes its nickname)");
            worker.changeContact(ContactChange.of(ContactChange.Kind.ADD, ALICE));
            for (Optional<UiEvent> e = events.poll(); e.isPresent(); e = events.poll()) {
                app.apply(e.get());
            }
        }
        assertEquals(
                List.of(
                        "Contacts:",
                        "  Alice  " + ALICE,
                        "Requests (/accept or /block):",
                        "  " + CAROL + "  \"hi?\"",
                        "! " + ALICE + " is already a contact (RENAME changes its nickname)"),
                state.visibleBuffer());
    }

    @Test
    void thePollerReportsRequestsOnlyWhenTheyChangeAndStopsAskingAnOldDaemon() {
        List<UiEvent> seen = new java.util.ArrayList<>();
        DaemonPoller poller = new DaemonPoller(daemon, seen::add, java.time.Duration.ZERO);
        poller.refreshRequests();
        daemon.requestList.add(request(CAROL, "knock knock"));
        poller.refreshRequests();
        poller.refreshRequests();
        assertEquals(
                List.of(new UiEvent.RequestsLoaded(List.of(request(CAROL, "knock knock")))),
                seen,
                "nothing while there is none, then the change once");

        FakeDaemonApi old = new FakeDaemonApi(SELF) {
            @Override
            public synchronized List<org.torchat.tui.daemon.ContactEntry> requests() throws DaemonRefusedException {
                requests.add("REQUESTS");
                throw new DaemonRefusedException("REQUESTS is not supported by this daemon yet");
            }
        };
        DaemonPoller oldPoller = new DaemonPoller(old, seen::add, java.time.Duration.ZERO);
        oldPoller.refreshRequests();
        oldPoller.refreshRequests();
        assertEquals(List.of("REQUESTS"), old.requestsQuietly(), "asked once");
    }

    @Test
    void thePollerReadsRequestsOnlyWhenTheDaemonsTokenSaysTheyChanged() {
        List<UiEvent> seen = new java.util.ArrayList<>();
        String[] version = {"0.0.0"};
        FakeDaemonApi saying = new FakeDaemonApi(SELF) {
            @Override
            public Optional<String> changeToken(String name) {
                return "requests".equals(name) ? Optional.of(version[0]) : Optional.empty();
            }
        };
        DaemonPoller poller = new DaemonPoller(saying, seen::add, java.time.Duration.ZERO);
        for (int i = 0; i < 5; i++) {
            poller.refreshRequestsIfChanged(true);
        }
        saying.requestList.add(request(CAROL, "knock knock"));
        version[0] = "1.1764097020000.1";
        for (int i = 0; i < 5; i++) {
            poller.refreshRequestsIfChanged(true);
        }
        assertEquals(List.of("REQUESTS", "REQUESTS"), saying.requestsQuietly(), "once per token, however often woken");
        assertEquals(List.of(new UiEvent.RequestsLoaded(List.of(request(CAROL, "knock knock")))), seen);

        DaemonPoller silent = new DaemonPoller(daemon, seen::add, java.time.Duration.ZERO);
        silent.refreshRequestsIfChanged(false);
        silent.refreshRequestsIfChanged(true);
        silent.refreshRequestsIfChanged(true);
        assertEquals(
                2,
                daemon.requestsQuietly().stream().filter("REQUESTS"::equals).count(),
                "a daemon without the token is asked whenever a request may have come");
    }

    private static Optional<UiAction> enter(InputHandler h, ChatState s, String line) {
        s.editor().set(line);
        return h.handle(new KeyStroke(KeyType.Enter));
    }

    private static String last(ChatState s) {
        List<String> b = s.visibleBuffer();
        return b.get(b.size() - 1);
    }

    private static String pane(VirtualScreen v, int row) {
        return v.row(row).substring(0, 30).stripTrailing();
    }

    private static void type(VirtualScreen v, String text) {
        for (char c : text.toCharArray()) {
            v.terminal.addInput(c == '\n' ? new KeyStroke(KeyType.Enter) : new KeyStroke(c, false, false));
        }
    }
}
