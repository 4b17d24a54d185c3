package org.torchat.tui.ui;

import com.googlecode.lanterna.terminal.ExtendedTerminal;
import java.io.IOException;

/** {@code --title}: the terminal's title says how many messages are unread, written only when that number changes. */
final class UnreadTitle {
    /** The unread total last shown, -1 before the first. */
    private int shown = -1;

    static String text(int unread) {
        return unread == 0 ? "torchat" : "torchat (" + unread + " unread)";
    }

    void show(ExtendedTerminal terminal, int unread) {
        if (unread == shown) {
            return;
        }
        shown = unread;
        try {
            terminal.setTitle(text(unread));
        } catch (IOException e) {
            // the title is a nicety
        }
    }
}
