package org.torchat.tui.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torchat.tui.Onions.onion;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torchat.tui.daemon.FakeDaemonApi;
import org.torchat.tui.daemon.HistoryEntry;

/** Issue 14 item 1: the colours come from the theme, and NO_COLOR, TERM=dumb and --color=never turn them off. */
class ColourScreenTest {
    private static final String SELF = onion(0);
    private static final String ALICE = onion(1);
    private static final String BOB = onion(2);

    private static ChatState conversation() {
        ChatState s = ChatState.start(SELF, List.of(ALICE, BOB));
        s.showHistory(
                ALICE,
                List.of(
                        new HistoryEntry("2026-12-04 10:00", false, "delivered", "mine", null),
                        new HistoryEntry("2026-12-04 10:01", false, "failed", "lost", "peer offline"),
                        new HistoryEntry("2026-12-04 10:02", true, "received", "theirs", null, true),
                        new HistoryEntry("2026-12-04 10:03", true, "received", "fake", null, false)));
        s.countIncoming(BOB);
        s.setRequests(List.of(FakeDaemonApi.request(onion(3), "hello?")));
        s.setTorStatus("tor ready");
        return s;
    }

    /** The first cell of row {@code row} at or after {@code col} whose text starts {@code text}. */
    private static TextCharacter find(VirtualScreen v, int row, String text) {
        String line = v.row(row);
        int at = line.indexOf(text);
        assertTrue(at >= 0, "'" + text + "' on row " + row + ": " + line);
        return v.terminal.getCharacter(at, row);
    }

    private static int rowOf(VirtualScreen v, String text) {
        for (int r = 0; r < v.terminal.getTerminalSize().getRows(); r++) {
            if (v.row(r).contains(text)) {
                return r;
            }
        }
        throw new AssertionError("no row with " + text + ":\n" + v.text());
    }

    @Test
    void everyPartHasItsColour() throws IOException {
        try (VirtualScreen v = new VirtualScreen(100, 24, Theme.colour())) {
            v.draw(conversation());
            TextCharacter current = find(v, 0, "1.");
            assertTrue(current.getModifiers().containsAll(List.of(SGR.BOLD, SGR.REVERSE)), current.toString());
            assertEquals(TextColor.ANSI.CYAN, current.getForegroundColor());
            TextCharacter other = find(v, 1, "2.");
            assertEquals(TextColor.ANSI.CYAN, other.getForegroundColor());
            assertTrue(other.isBold());
            assertEquals(TextColor.ANSI.YELLOW, find(v, 1, "(1)").getForegroundColor(), "unread count");

            int mine = rowOf(v, "> mine");
            assertEquals(TextColor.ANSI.BLACK_BRIGHT, find(v, mine, "[10:00]").getForegroundColor(), "time dimmed");
            assertEquals(TextColor.ANSI.GREEN, find(v, mine, "mine").getForegroundColor(), "our own line");
            assertEquals(TextColor.ANSI.GREEN, find(v, mine, "(delivered)").getForegroundColor());
            int lost = rowOf(v, "lost");
            assertEquals(TextColor.ANSI.RED, find(v, lost, "(FAILED").getForegroundColor(), "failed in red");
            assertEquals(
                    TextColor.ANSI.DEFAULT,
                    find(v, rowOf(v, "theirs"), "theirs").getForegroundColor());
            TextCharacter warning = find(v, rowOf(v, "fake"), "(UNVERIFIED");
            assertEquals(TextColor.ANSI.RED, warning.getBackgroundColor(), "a forged message cannot be missed");
            assertTrue(warning.isBold());

            assertEquals(
                    TextColor.ANSI.MAGENTA,
                    find(v, rowOf(v, "Requests:"), "Requests:").getForegroundColor());
            assertEquals(TextColor.ANSI.BLUE, find(v, 22, "daemon reachable").getBackgroundColor(), "status line");
            assertEquals(
                    TextColor.ANSI.GREEN,
                    find(v, rowOf(v, "TORchat Address:"), "TORchat").getForegroundColor());
        }
    }

    @Test
    void theStatusLineTurnsRedWhenTheDaemonIsGone() throws IOException {
        ChatState s = conversation();
        s.setDaemonProblem("connection refused");
        try (VirtualScreen v = new VirtualScreen(100, 24, Theme.colour())) {
            v.draw(s);
            assertEquals(TextColor.ANSI.RED, find(v, 22, "daemon unreachable").getBackgroundColor());
        }
    }

    @Test
    void noColorTermDumbAndNeverDrawWithoutColour() throws IOException {
        for (Theme theme : List.of(
                Theme.choose(Theme.ColorChoice.AUTO, Map.of("NO_COLOR", "1", "TERM", "xterm-256color")),
                Theme.choose(Theme.ColorChoice.AUTO, Map.of("TERM", "dumb")),
                Theme.choose(Theme.ColorChoice.AUTO, Map.of("TERM", "vt100")),
                Theme.choose(Theme.ColorChoice.NEVER, Map.of("TERM", "xterm-256color")))) {
            assertFalse(theme.hasColour());
            try (VirtualScreen v = new VirtualScreen(100, 24, theme)) {
                v.draw(conversation());
                for (int row = 0; row < 24; row++) {
                    for (int col = 0; col < 100; col++) {
                        TextCharacter c = v.terminal.getCharacter(col, row);
                        assertEquals(TextColor.ANSI.DEFAULT, c.getForegroundColor(), "fg at " + col + "," + row);
                        assertEquals(TextColor.ANSI.DEFAULT, c.getBackgroundColor(), "bg at " + col + "," + row);
                    }
                }
                // Still visible without colour: the current peer and the forged warning in reverse video.
                assertTrue(find(v, 0, "1.").isReversed());
                assertTrue(find(v, rowOf(v, "fake"), "(UNVERIFIED").isReversed());
            }
        }
    }

    @Test
    void colourIsOnForAColourTerminalWithoutNoColor() {
        assertTrue(Theme.choose(Theme.ColorChoice.AUTO, Map.of("TERM", "xterm-256color"))
                .hasColour());
        assertTrue(
                Theme.choose(Theme.ColorChoice.AUTO, Map.of("TERM", "tmux-256color", "NO_COLOR", ""))
                        .hasColour(),
                "an empty NO_COLOR does not count (no-color.org)");
        assertTrue(
                Theme.choose(Theme.ColorChoice.ALWAYS, Map.of("NO_COLOR", "1")).hasColour());
    }
}
