package org.torchat.tui.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torchat.tui.Onions.onion;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InputHandlerTest {
    private static final String SELF = onion(0);
    private static final String ALICE = onion(1);
    private static final String BOB = onion(2);

    @Test
    void aLineIsShownAsTypedAndSentToTheCurrentPeer() {
        ChatState s = ChatState.start(SELF, List.of(ALICE));
        InputHandler h = new InputHandler(s);
        type(h, "hi alice");
        assertEquals(Optional.of(new UiAction.Send(ALICE, "hi alice")), h.handle(key(KeyType.Enter)));
        assertEquals(List.of("hi alice"), s.visibleBuffer());
        assertEquals("", s.input());
    }

    @Test
    void blankLinesAreNotSent() {
        InputHandler h = new InputHandler(ChatState.start(SELF, List.of(ALICE)));
        type(h, "   ");
        assertEquals(Optional.empty(), h.handle(key(KeyType.Enter)));
    }

    @Test
    void aDoubleSlashSendsALineStartingWithASlash() {
        ChatState s = ChatState.start(SELF, List.of(ALICE));
        InputHandler h = new InputHandler(s);
        type(h, "//quit is a command");
        assertEquals(Optional.of(new UiAction.Send(ALICE, "/quit is a command")), h.handle(key(KeyType.Enter)));
    }

    @Test
    void quitExitAndHelp() {
        ChatState s = ChatState.start(SELF, List.of(ALICE));
        InputHandler h = new InputHandler(s);
        type(h, "/quit");
        assertEquals(Optional.of(new UiAction.Quit()), h.handle(key(KeyType.Enter)));
        type(h, "/exit");
        assertEquals(Optional.of(new UiAction.StopDaemon()), h.handle(key(KeyType.Enter)));
        type(h, "/help");
        assertEquals(Optional.empty(), h.handle(key(KeyType.Enter)));
        assertTrue(s.visibleBuffer().containsAll(InputHandler.HELP));
        type(h, "/nope");
        h.handle(key(KeyType.Enter));
        assertEquals("! unknown command /nope (/help lists the commands)", last(s.visibleBuffer()));
    }

    @Test
    void ctrlCCtrlDAndEndOfInputQuit() {
        InputHandler h = new InputHandler(ChatState.start(SELF, List.of(ALICE)));
        assertEquals(Optional.of(new UiAction.Quit()), h.handle(new KeyStroke('c', true, false)));
        assertEquals(Optional.of(new UiAction.Quit()), h.handle(new KeyStroke('d', true, false)));
        assertEquals(Optional.of(new UiAction.Quit()), h.handle(key(KeyType.EOF)));
    }

    @Test
    void theAddressPromptAcceptsAValidAddressAndExplainsAnInvalidOne() {
        ChatState s = ChatState.start(SELF, List.of());
        InputHandler h = new InputHandler(s);
        type(h, "nonsense");
        h.handle(key(KeyType.Enter));
        assertEquals(ChatState.Mode.ASK_PEER, s.mode());
        assertTrue(
                last(s.visibleBuffer()).startsWith("! 'nonsense' is not an onion address"),
                s.visibleBuffer().toString());

        type(h, BOB.toUpperCase().replace(".ONION", ""));
        h.handle(key(KeyType.Enter));
        assertEquals(ChatState.Mode.CHAT, s.mode());
        assertEquals(Optional.of(BOB), s.currentPeer(), "the address is kept in canonical form");
    }

    @Test
    void commandsWorkAtTheAddressPrompt() {
        InputHandler h = new InputHandler(ChatState.start(SELF, List.of()));
        type(h, "/quit");
        assertEquals(Optional.of(new UiAction.Quit()), h.handle(key(KeyType.Enter)));
    }

    @Test
    void peerCommandSelectsWithArrowsAndEnter() {
        ChatState s = ChatState.start(SELF, List.of(ALICE, BOB));
        InputHandler h = new InputHandler(s);
        type(h, "/peer");
        h.handle(key(KeyType.Enter));
        assertEquals(ChatState.Mode.SELECT_PEER, s.mode());
        h.handle(key(KeyType.ArrowDown));
        assertEquals("", s.input(), "arrows move the selection, not the history");
        h.handle(key(KeyType.Enter));
        assertEquals(Optional.of(BOB), s.currentPeer());
        assertEquals(ChatState.Mode.CHAT, s.mode());
    }

    @Test
    void spaceInPeerSelectionAsksForANewAddress() {
        ChatState s = ChatState.start(SELF, List.of(ALICE));
        InputHandler h = new InputHandler(s);
        type(h, "/peer");
        h.handle(key(KeyType.Enter));
        h.handle(new KeyStroke(' ', false, false));
        assertEquals(ChatState.Mode.ASK_PEER, s.mode());
        assertEquals("", s.input());
        h.handle(key(KeyType.Escape));
        assertEquals(ChatState.Mode.CHAT, s.mode());
    }

    @Test
    void peerWithAnAddressSwitchesDirectly() {
        ChatState s = ChatState.start(SELF, List.of(ALICE));
        InputHandler h = new InputHandler(s);
        type(h, "/peer " + BOB);
        h.handle(key(KeyType.Enter));
        assertEquals(Optional.of(BOB), s.currentPeer());
    }

    @Test
    void arrowsWalkTheHistoryAndTabCompletes() {
        ChatState s = ChatState.start(SELF, List.of(ALICE));
        InputHandler h = new InputHandler(s);
        type(h, "first");
        h.handle(key(KeyType.Enter));
        h.handle(key(KeyType.ArrowUp));
        assertEquals("first", s.input());
        h.handle(key(KeyType.ArrowDown));
        assertEquals("", s.input());
        type(h, "/qu");
        h.handle(key(KeyType.Tab));
        assertEquals("/quit", s.input());
    }

    private static void type(InputHandler h, String text) {
        for (char c : text.toCharArray()) {
            h.handle(new KeyStroke(c, false, false));
        }
    }

    private static KeyStroke key(KeyType type) {
        return new KeyStroke(type);
    }

    private static String last(List<String> lines) {
        return lines.get(lines.size() - 1);
    }
}
