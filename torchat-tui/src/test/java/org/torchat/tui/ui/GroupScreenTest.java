package org.torchat.tui.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torchat.tui.Onions.onion;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.torchat.tui.daemon.FakeDaemonApi;
import org.torchat.tui.daemon.GroupEntry;
import org.torchat.tui.daemon.GroupPost;

/** Issue 16 in the terminal client: the groups section, authors' names, and the group commands, on a virtual screen. */
@Timeout(20)
class GroupScreenTest {
    private static final String SELF = onion(0);
    private static final String ALICE = onion(1);
    private static final String BOB = onion(2);
    private static final String PLANS = "0123456789abcdef0123456789abcdef";
    private static final String SECRET = "fedcba9876543210fedcba9876543210";

    private final FakeDaemonApi daemon = new FakeDaemonApi(SELF);
    private final EventQueue events = new EventQueue();
    private final DaemonWorker worker = new DaemonWorker(daemon, events::post, Runnable::run);

    private static List<String> rows(VirtualScreen v, int from, int to, int width) {
        List<String> out = new ArrayList<>();
        for (int r = from; r < to; r++) {
            out.add(v.row(r).substring(0, width).stripTrailing());
        }
        return out;
    }

    @Test
    void groupsHaveASectionOfTheirOwnWithUnreadCountsAndAuthorsByNicknameOrShortAddress() throws Exception {
        ChatState state = ChatState.start(SELF, List.of());
        state.setContacts(List.of(FakeDaemonApi.contact(ALICE, "Alice")));
        state.selectPeer(ALICE);
        state.setGroups(List.of(
                FakeDaemonApi.group(PLANS, "Plans \ud83c\udf89", "member", 3, ALICE),
                FakeDaemonApi.group(SECRET, "\u79d8\u5bc6", "invited", 2, ALICE)));
        state.appendGroupPost(
                new GroupPost(PLANS, "Plans", BOB, "hi from bob \ud83d\udc4b\ud83c\udffd", 0, "", 1), "20:01");
        state.appendGroupPost(new GroupPost(PLANS, "Plans", ALICE, "and alice", 0, "", 1), "20:02");
        try (VirtualScreen v = new VirtualScreen(100, 24)) {
            v.draw(state);
            List<String> pane = rows(v, 0, 4, 19);
            assertEquals("1. Alice", pane.get(0));
            assertEquals("Groups:", pane.get(1));
            String groupRow = String.join("", v.clusters(0, 2));
            assertTrue(groupRow.startsWith("2. #Plans \ud83c\udf89 (2)"), groupRow);
            String invitedRow = String.join("", v.clusters(0, 3));
            assertTrue(invitedRow.startsWith("3. #\u79d8\u5bc6 (invi"), invitedRow);
            state.selectPeer(GroupBook.key(PLANS));
            v.draw(state);
            assertEquals(
                    List.of(
                            ChatState.NEW_MESSAGES,
                            "[20:01] " + BOB.substring(0, 12) + "\u2026: hi from bob \ud83d\udc4b\ud83c\udffd",
                            "[20:02] Alice: and alice"),
                    state.visibleBuffer());
            assertEquals(0, state.unread(GroupBook.key(PLANS)), "read once open");
            // A muted group's message is there when its conversation is opened, and counts as nothing unread.
            state.setGroups(List.of(
                    FakeDaemonApi.group(PLANS, "Plans", "member", 3, ALICE),
                    new GroupEntry(SECRET, "Quiet", "member", 2, 0, true, ALICE)));
            state.appendGroupPost(new GroupPost(SECRET, "Quiet", BOB, "shh", 0, "", 1), "20:03");
            assertEquals(0, state.unread(GroupBook.key(SECRET)));
            assertEquals(
                    List.of("[20:03] " + BOB.substring(0, 12) + "\u2026: shh"), state.bufferOf(GroupBook.key(SECRET)));
        }
    }

    @Test
    void createInviteWriteAndMembersFromTheInputLine() throws Exception {
        ChatState state = ChatState.start(SELF, List.of(ALICE));
        List<String> seen = new ArrayList<>();
        try (VirtualScreen v = new VirtualScreen(120, 30)) {
            // One run per step, as a user waits for the screen: the daemon's answers come between them.
            for (String step : List.of("/group create Plans", "hello group", "/invite " + ALICE, "/members")) {
                type(v, step + "\n/quit\n");
                TuiApp app = new TuiApp(v.screen, state, events, worker);
                app.run();
                settle(app);
                seen.addAll(state.visibleBuffer());
            }
        }
        String id = String.format("%032x", 1);
        assertEquals(
                Optional.of(GroupBook.key(id)),
                state.currentPeer(),
                () -> "the new group's conversation is open: " + state.visibleBuffer() + " " + daemon.groupSteps);
        assertEquals(
                List.of("CREATE Plans", "SEND " + id + " hello group", "INVITE " + id + " " + ALICE),
                daemon.groupSteps);
        List<String> buffer = seen;
        assertTrue(
                buffer.stream().anyMatch(l -> l.contains("not deniable") || l.contains("prove who wrote")),
                buffer.toString());
        assertTrue(
                buffer.stream().anyMatch(l -> l.startsWith("> hello group") || l.endsWith("hello group")),
                buffer.toString());
        assertTrue(buffer.stream().anyMatch(l -> l.startsWith("1 members: ")), buffer.toString());
        InputHandler input = new InputHandler(state);
        for (char c : "/group Plans".toCharArray()) {
            input.handle(new KeyStroke(c, false, false));
        }
        assertEquals(Optional.empty(), input.handle(new KeyStroke(KeyType.Enter)));
        assertTrue(
                state.visibleBuffer().get(state.visibleBuffer().size() - 1).startsWith("! /group create NAME"),
                state.visibleBuffer().toString());
    }

    @Test
    void anInvitationIsAnnouncedOnceAndJoinWithoutAGroupTakesTheOnlyOneWaiting() throws Exception {
        ChatState state = ChatState.start(SELF, List.of(ALICE));
        state.setContacts(List.of(FakeDaemonApi.contact(ALICE, "Alice")));
        GroupEntry invited = FakeDaemonApi.group(SECRET, "Secret", "invited", 2, ALICE);
        daemon.groupList.put(SECRET, invited);
        try (VirtualScreen v = new VirtualScreen(120, 30)) {
            TuiApp app = new TuiApp(v.screen, state, events, worker);
            app.apply(new UiEvent.GroupsLoaded(List.of(invited)));
            app.apply(new UiEvent.GroupsLoaded(List.of(invited)));
            long announced = state.visibleBuffer().stream()
                    .filter(l -> l.equals(
                            "Alice invited you to #Secret (2 members): /join " + SECRET + " or /decline " + SECRET))
                    .count();
            assertEquals(1, announced, state.visibleBuffer().toString());
            type(v, "/join\n/quit\n");
            app.run();
            settle(app);
        }
        assertEquals(List.of("GROUP_JOIN " + SECRET), daemon.groupSteps);
        assertEquals(Optional.of(GroupBook.key(SECRET)), state.currentPeer());
    }

    /** What the daemon answered while the keys were read (the app quit first) is applied, as the next loop would. */
    private void settle(TuiApp app) {
        Optional<UiEvent> e;
        while ((e = events.poll()).isPresent()) {
            app.apply(e.get());
        }
    }

    private static void type(VirtualScreen v, String text) {
        for (char c : text.toCharArray()) {
            v.terminal.addInput(c == '\n' ? new KeyStroke(KeyType.Enter) : new KeyStroke(c, false, false));
        }
    }
}
