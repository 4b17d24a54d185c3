package org.torchat.tui.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torchat.tui.Onions.onion;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.torchat.tui.daemon.IncomingMessage;

class ChatStateTest {
    private static final String SELF = onion(0);
    private static final String ALICE = onion(1);
    private static final String BOB = onion(2);
    private static final String CAROL = onion(3);

    @Test
    void withoutPeersItAsksForAnOnionAddress() {
        ChatState s = ChatState.start(SELF, List.of());
        assertEquals(ChatState.Mode.ASK_PEER, s.mode());
        assertEquals("Onion Address: ", s.prompt());
        assertEquals(Optional.empty(), s.currentPeer());
    }

    @Test
    void withPeersTheFirstOneWithUnreadMessagesIsCurrent() {
        ChatState s = ChatState.start(SELF, List.of(BOB, ALICE));
        assertEquals(ChatState.Mode.CHAT, s.mode());
        assertEquals(Optional.of(BOB), s.currentPeer());
        assertEquals(List.of(BOB, ALICE), s.peers());
        assertEquals("", s.prompt());
    }

    @Test
    void historyWalksBackAndForthAndKeepsTheDraft() {
        ChatState s = ChatState.start(SELF, List.of(ALICE));
        type(s, "one");
        s.editor().take();
        type(s, "two");
        s.editor().take();
        type(s, "two");
        s.editor().take(); // a repeat is not stored twice
        s.editor().take(); // nor is an empty line
        assertEquals(List.of("one", "two"), s.history());

        type(s, "draft");
        s.editor().previous();
        assertEquals("two", s.input());
        s.editor().previous();
        assertEquals("one", s.input());
        s.editor().previous(); // stays at the oldest
        assertEquals("one", s.input());
        assertEquals(3, s.cursor());
        s.editor().next();
        assertEquals("two", s.input());
        s.editor().next();
        assertEquals("draft", s.input());
        s.editor().next(); // stays at the draft
        assertEquals("draft", s.input());
    }

    @Test
    void historyWalkRestartsAfterEachLine() {
        ChatState s = ChatState.start(SELF, List.of(ALICE));
        type(s, "one");
        s.editor().take();
        s.editor().previous();
        assertEquals("one", s.editor().take());
        type(s, "x");
        s.editor().previous();
        assertEquals("one", s.input());
        s.editor().next();
        assertEquals("x", s.input());
    }

    @Test
    void tabCompletesAUniqueCommand() {
        ChatState s = ChatState.start(SELF, List.of(ALICE));
        type(s, "/he");
        s.complete();
        assertEquals("/help", s.input());
        assertEquals(5, s.cursor());
    }

    @Test
    void tabListsAmbiguousCommandsWithoutChangingTheLine() {
        ChatState s = ChatState.start(SELF, List.of(ALICE));
        type(s, "/");
        s.complete();
        assertEquals("/", s.input());
        assertEquals(
                "/peer  /history  /search  /add  /nick  /block  /unblock  /accept  /remove  /group  /invite  /join  "
                        + "/decline  /leave  /members  /mute  /unmute  /contacts  /fileup  /acceptfile  /rejectfile  /quit  "
                        + "/exit  /help",
                last(s.visibleBuffer()));
    }

    @Test
    void tabCompletesPeersAfterPeerAndAtTheAddressPrompt() {
        ChatState s = ChatState.start(SELF, List.of(ALICE));
        type(s, "/peer " + ALICE.substring(0, 3));
        s.complete();
        assertEquals("/peer " + ALICE, s.input());

        ChatState ask = ChatState.start(SELF, List.of());
        ask.addPeer(BOB);
        type(ask, BOB.substring(0, 2));
        ask.complete();
        assertEquals(BOB, ask.input());
    }

    @Test
    void tabDoesNothingWithoutACandidate() {
        ChatState s = ChatState.start(SELF, List.of(ALICE));
        type(s, "/zz");
        s.complete();
        assertEquals("/zz", s.input());
        type(s, " hello");
        s.complete();
        assertEquals("/zz hello", s.input());
    }

    @Test
    void eachPeerHasItsOwnBuffer() {
        ChatState s = ChatState.start(SELF, List.of(ALICE));
        s.appendOwn(ALICE, "hi alice");
        s.appendIncoming(new IncomingMessage(ALICE, "18:59", "hello"));
        s.appendIncoming(new IncomingMessage(BOB, "19:00", "bob here\nsecond line"));

        assertEquals(List.of("hi alice", "[18:59] hello"), s.visibleBuffer());
        // Bob is not open: his first unread message has the "new messages" line above it.
        assertEquals(List.of(ChatState.NEW_MESSAGES, "[19:00] bob here", "        second line"), s.bufferOf(BOB));
        assertEquals(List.of(ALICE, BOB), s.peers());
        assertEquals(0, s.unread(ALICE));
        assertEquals(1, s.unread(BOB));

        s.selectPeer(BOB);
        assertEquals(List.of(ChatState.NEW_MESSAGES, "[19:00] bob here", "        second line"), s.visibleBuffer());
        assertEquals(0, s.unread(BOB));
    }

    @Test
    void noticesGoToTheBufferOnScreen() {
        ChatState s = ChatState.start(SELF, List.of());
        s.notice("! bad address");
        assertEquals(List.of("! bad address"), s.visibleBuffer());
        s.selectPeer(ALICE);
        s.notice("note");
        s.notice(BOB, "! failed");
        assertEquals(List.of("note"), s.visibleBuffer());
        assertEquals(List.of("! failed"), s.bufferOf(BOB));
    }

    @Test
    void peerSelectionMovesWithinTheListAndChooses() {
        ChatState s = ChatState.start(SELF, List.of(ALICE, BOB, CAROL));
        s.beginPeerSelection();
        assertEquals(ChatState.Mode.SELECT_PEER, s.mode());
        assertEquals(0, s.selection());
        s.moveSelection(-1);
        assertEquals(0, s.selection());
        s.moveSelection(1);
        s.moveSelection(1);
        s.moveSelection(1);
        assertEquals(2, s.selection());
        s.moveSelection(-1);
        s.chooseSelection();
        assertEquals(Optional.of(BOB), s.currentPeer());
        assertEquals(ChatState.Mode.CHAT, s.mode());

        s.beginPeerSelection();
        assertEquals(1, s.selection(), "selection starts at the current peer");
        s.cancel();
        assertEquals(ChatState.Mode.CHAT, s.mode());
        assertEquals(Optional.of(BOB), s.currentPeer());
    }

    @Test
    void peerSelectionWithoutPeersAsksForAnAddress() {
        ChatState s = ChatState.start(SELF, List.of());
        s.beginPeerSelection();
        assertEquals(ChatState.Mode.ASK_PEER, s.mode());
        s.cancel(); // nothing to go back to
        assertEquals(ChatState.Mode.ASK_PEER, s.mode());
    }

    @Test
    void lineEditing() {
        ChatState s = ChatState.start(SELF, List.of(ALICE));
        type(s, "helo world");
        s.editor().home();
        s.editor().right();
        s.editor().right();
        s.editor().right();
        s.editor().insert('l');
        assertEquals("hello world", s.input());
        s.editor().end();
        s.editor().deleteWordBack();
        assertEquals("hello ", s.input());
        s.editor().backspace();
        s.editor().left();
        s.editor().delete();
        assertEquals("hell", s.input());
        s.editor().left();
        s.editor().killToEnd();
        assertEquals("hel", s.input());
        s.editor().killToStart();
        assertEquals("", s.input());
        assertEquals(0, s.cursor());
    }

    @Test
    void scrollingIsBoundedByTheBuffer() {
        ChatState s = ChatState.start(SELF, List.of(ALICE));
        for (int i = 0; i < 5; i++) {
            s.appendOwn(ALICE, "line " + i);
        }
        s.scrollBack(100);
        assertEquals(5, s.scrollOffset());
        s.scrollForward(2);
        assertEquals(3, s.scrollOffset());
        s.appendOwn(ALICE, "new");
        assertEquals(0, s.scrollOffset(), "sending follows the conversation again");
        assertTrue(s.visibleBuffer().size() <= Conversation.MAX_APPENDED_LINES);
    }

    private static void type(ChatState s, String text) {
        for (char c : text.toCharArray()) {
            s.editor().insert(c);
        }
    }

    private static String last(List<String> lines) {
        return lines.get(lines.size() - 1);
    }
}
