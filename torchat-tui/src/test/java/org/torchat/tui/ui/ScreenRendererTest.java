package org.torchat.tui.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torchat.tui.Onions.onion;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.torchat.tui.daemon.IncomingMessage;

class ScreenRendererTest {
    private static final String SELF = onion(0);
    private static final String ALICE = onion(1);
    private static final String BOB = onion(2);

    @Test
    void layoutMirrorsTheOriginalClient() throws IOException {
        ChatState s = ChatState.start(SELF, List.of(ALICE, BOB));
        s.appendIncoming(new IncomingMessage(ALICE, "18:59", "hello"));
        try (VirtualScreen v = new VirtualScreen(110, 32)) {
            v.draw(s);
            // Peers, numbered and cut to the 30-column pane; the separator in column 30; the buffer from 32.
            assertEquals(
                    ("1. " + ALICE).substring(0, 30) + "| [18:59] hello",
                    v.row(0).stripTrailing());
            assertEquals(("2. " + BOB).substring(0, 30) + "|", v.row(1).stripTrailing());
            for (int row = 0; row < 30; row++) {
                assertEquals('|', v.row(row).charAt(30), "separator on row " + row);
            }
            // Our address at the bottom of the pane, under its title, cut into 30-column pieces.
            assertEquals("      TORchat Address:        |", v.row(26).stripTrailing());
            assertEquals(SELF.substring(0, 30) + "|", v.row(27).substring(0, 31));
            assertEquals(SELF.substring(30, 60) + "|", v.row(28).substring(0, 31));
            assertEquals(SELF.substring(60) + " ".repeat(28) + "|", v.row(29).substring(0, 31));
            // A line of '-' over the whole width, then the input line.
            assertEquals("-".repeat(110), v.row(30));
            assertEquals("", v.row(31).strip());
        }
    }

    @Test
    void theOnionSitsAboveOurAddressAt80x24And200x60() throws IOException {
        ChatState s = ChatState.start(SELF, List.of(ALICE));
        for (int[] size : new int[][] {{80, 24}, {200, 60}}) {
            try (VirtualScreen v = new VirtualScreen(size[0], size[1])) {
                v.draw(s);
                int title = size[1] - 6;
                assertEquals("      TORchat Address:        |", v.row(title).substring(0, 31), size[0] + "x" + size[1]);
                List<String> art = ScreenRenderer.ONION_ART;
                for (int i = 0; i < art.size(); i++) {
                    String pane = v.row(title - art.size() - 1 + i).substring(0, 30);
                    assertEquals(
                            art.get(i).strip(), pane.strip(), "onion line " + i + " at " + size[0] + "x" + size[1]);
                }
                assertEquals(("1. " + ALICE).substring(0, 30) + "|", v.row(0).substring(0, 31));
                assertEquals('|', v.row(size[1] - 3).charAt(30));
                assertEquals("-".repeat(size[0]), v.row(size[1] - 2));
            }
        }
    }

    @Test
    void peersTakeTheOnionsPlaceWhenTheyNeedTheRows() throws IOException {
        List<String> many = java.util.stream.IntStream.range(1, 20)
                .mapToObj(org.torchat.tui.Onions::onion)
                .toList();
        ChatState s = ChatState.start(SELF, many);
        try (VirtualScreen v = new VirtualScreen(80, 24)) {
            v.draw(s);
            String screen = String.join(
                    "\n",
                    java.util.stream.IntStream.range(0, 24).mapToObj(v::row).toList());
            assertFalse(screen.contains(ScreenRenderer.ONION_ART.get(3).strip()), screen);
            assertTrue(v.row(0).startsWith("1. "));
            assertTrue(v.row(16).startsWith("17. "), v.row(16));
        }
    }

    @Test
    void theCurrentPeerIsHighlighted() throws IOException {
        ChatState s = ChatState.start(SELF, List.of(ALICE, BOB));
        try (VirtualScreen v = new VirtualScreen(110, 32)) {
            v.draw(s);
            assertTrue(v.reversed(0, 0));
            assertTrue(v.reversed(29, 0), "the highlight covers the pane's width");
            assertFalse(v.reversed(0, 1));
            s.selectPeer(BOB);
            v.draw(s);
            assertFalse(v.reversed(0, 0));
            assertTrue(v.reversed(0, 1));
        }
    }

    @Test
    void peerSelectionHighlightsTheSelectionAndShowsHowToChoose() throws IOException {
        ChatState s = ChatState.start(SELF, List.of(ALICE, BOB));
        s.beginPeerSelection();
        s.moveSelection(1);
        try (VirtualScreen v = new VirtualScreen(110, 32)) {
            TerminalPosition cursor = v.draw(s);
            assertTrue(v.reversed(0, 1));
            assertFalse(v.reversed(0, 0));
            assertEquals(ChatState.SELECT_PEER_PROMPT, v.row(31).stripTrailing());
            assertNull(cursor, "no cursor while choosing");
        }
    }

    @Test
    void withoutPeersTheInputLineAsksForAnOnionAddress() throws IOException {
        ChatState s = ChatState.start(SELF, List.of());
        try (VirtualScreen v = new VirtualScreen(110, 32)) {
            TerminalPosition cursor = v.draw(s);
            assertEquals("Onion Address: ", v.row(31).substring(0, 15));
            assertEquals(new TerminalPosition(15, 31), cursor);
            assertEquals(" ".repeat(30) + "|", v.row(0).substring(0, 31));

            InputHandler h = new InputHandler(s);
            for (char c : "abc".toCharArray()) {
                h.handle(new KeyStroke(c, false, false));
            }
            cursor = v.draw(s);
            assertEquals("Onion Address: abc", v.row(31).stripTrailing());
            assertEquals(new TerminalPosition(18, 31), cursor);
            h.handle(new KeyStroke(KeyType.Enter));
            v.draw(s);
            assertTrue(v.row(0).substring(32).startsWith("! 'abc' is not an onion address"), v.row(0));
        }
    }

    @Test
    void longBuffersShowTheirEndAndWrapLongLines() throws IOException {
        ChatState s = ChatState.start(SELF, List.of(ALICE));
        for (int i = 1; i <= 40; i++) {
            s.appendOwn(ALICE, "line " + i);
        }
        s.appendOwn(ALICE, "x".repeat(100));
        try (VirtualScreen v = new VirtualScreen(110, 32)) {
            v.draw(s);
            // 78 columns of chat: the long line takes two rows at the bottom.
            assertEquals("x".repeat(78), v.row(28).substring(32));
            assertEquals("x".repeat(22), v.row(29).substring(32).stripTrailing());
            assertEquals("line 40", v.row(27).substring(32).stripTrailing());
            assertEquals("line 13", v.row(0).substring(32).stripTrailing());

            s.scrollBack(3); // wrapped rows: the two halves of the long line and "line 40"
            v.draw(s);
            assertEquals("line 39", v.row(29).substring(32).stripTrailing());
            assertTrue(v.row(30).contains("scrolled back"), v.row(30));
        }
    }

    @Test
    void aLongInputLineScrollsToKeepTheCursorVisible() throws IOException {
        ChatState s = ChatState.start(SELF, List.of(ALICE));
        s.editor().set("0123456789".repeat(15));
        try (VirtualScreen v = new VirtualScreen(110, 32)) {
            TerminalPosition cursor = v.draw(s);
            assertEquals(109, cursor.getColumn());
            assertTrue(v.row(31).endsWith("0123456789".repeat(10).substring(41) + " "), v.row(31));
            s.editor().home();
            cursor = v.draw(s);
            assertEquals(0, cursor.getColumn());
            assertTrue(v.row(31).startsWith("0123456789"));
        }
    }

    @Test
    void anUnreachableDaemonIsShownOnTheLine() throws IOException {
        ChatState s = ChatState.start(SELF, List.of(ALICE));
        s.setDaemonProblem("Connection refused");
        try (VirtualScreen v = new VirtualScreen(110, 32)) {
            v.draw(s);
            assertTrue(v.row(30).startsWith("-- daemon unreachable: Connection refused --"), v.row(30));
        }
    }

    @Test
    void unreadCountsFollowThePeer() throws IOException {
        ChatState s = ChatState.start(SELF, List.of(ALICE));
        s.appendIncoming(new IncomingMessage(BOB, "10:00", "one"));
        s.appendIncoming(new IncomingMessage(BOB, "10:01", "two"));
        try (VirtualScreen v = new VirtualScreen(110, 32)) {
            v.draw(s);
            assertEquals(("2. " + BOB).substring(0, 26) + " (2)|", v.row(1).substring(0, 31));
        }
    }

    @Test
    void aResizeRedrawsForTheNewSize() throws IOException {
        ChatState s = ChatState.start(SELF, List.of(ALICE));
        s.appendOwn(ALICE, "hello");
        try (VirtualScreen v = new VirtualScreen(110, 32)) {
            v.draw(s);
            assertEquals("-".repeat(110), v.row(30));

            v.terminal.setTerminalSize(new TerminalSize(80, 20));
            v.draw(s);
            assertEquals(new TerminalSize(80, 20), v.screen.getTerminalSize());
            assertEquals("-".repeat(80), v.row(18));
            assertEquals("      TORchat Address:        |", v.row(14).stripTrailing());
            assertEquals(("1. " + ALICE).substring(0, 30) + "| hello", v.row(0).stripTrailing());

            v.terminal.setTerminalSize(new TerminalSize(40, 10));
            v.draw(s);
            assertEquals("-".repeat(40), v.row(8));
            assertEquals('|', v.row(0).charAt(13), "a narrow terminal shrinks the pane to a third");
        }
    }

    @Test
    void tinyTerminalsDoNotBreakTheRenderer() throws IOException {
        ChatState s = ChatState.start(SELF, List.of(ALICE));
        s.appendOwn(ALICE, "hello");
        for (int[] size : new int[][] {{1, 1}, {2, 2}, {5, 3}, {20, 4}, {120, 1}}) {
            try (VirtualScreen v = new VirtualScreen(size[0], size[1])) {
                v.draw(s);
            }
        }
    }
}
