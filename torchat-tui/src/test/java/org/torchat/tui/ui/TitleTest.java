package org.torchat.tui.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.torchat.tui.Onions.onion;

import com.googlecode.lanterna.terminal.ansi.ANSITerminal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --title}: the terminal's title shows the unread total, as the xterm OSC 2 sequence that tmux, screen and
 * terminal emulators take, read from the bytes sent to a real ANSI terminal; written again only when it changes.
 */
class TitleTest {
    private static final String SELF = onion(0);
    private static final String ALICE = onion(1);
    private static final String BOB = onion(2);

    /** An ANSI terminal over byte streams; the output is kept. */
    private static final class RecordingTerminal extends ANSITerminal {
        RecordingTerminal(ByteArrayOutputStream out) {
            super(new ByteArrayInputStream(new byte[0]), out, StandardCharsets.UTF_8);
        }
    }

    @Test
    void theTitleShowsTheUnreadTotalAndIsWrittenOnlyWhenItChanges() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecordingTerminal terminal = new RecordingTerminal(out);
        ChatState state = ChatState.start(SELF, List.of(ALICE, BOB));
        UnreadTitle title = new UnreadTitle();
        title.show(terminal, state.unreadTotal());
        state.appendIncoming(new org.torchat.tui.daemon.IncomingMessage(BOB, "09:00", "psst", true));
        title.show(terminal, state.unreadTotal());
        title.show(terminal, state.unreadTotal());
        state.selectPeer(BOB);
        title.show(terminal, state.unreadTotal());
        assertEquals(
                "\u001b]2;torchat\u0007\u001b]2;torchat (1 unread)\u0007\u001b]2;torchat\u0007",
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void onlyTheOptionTurnsItOn() {
        assertEquals(
                true, ClientSettings.of("auto", "on", true, java.util.Map.of()).title());
        assertEquals(false, ClientSettings.defaults().title());
    }
}
