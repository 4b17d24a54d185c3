package org.torchat.tui.ui;

import com.googlecode.lanterna.TerminalSize;

/**
 * Where things go on a screen of a given size, as in the original client: the peer pane on the left
 * ({@link #PEER_PANE_WIDTH} columns), a {@code |} column, the chat buffer on the right, a line of {@code -}
 * and the input line at the bottom.
 */
record Layout(
        int width,
        int height,
        int paneWidth,
        int separatorColumn,
        int chatColumn,
        int chatWidth,
        int paneHeight,
        int lineRow,
        int inputRow) {
    static final int PEER_PANE_WIDTH = 30;

    static Layout of(TerminalSize size) {
        int w = Math.max(0, size.getColumns());
        int h = Math.max(0, size.getRows());
        // Narrow terminals keep the chat readable: the pane shrinks to a third of the width.
        int pane = w >= 3 * PEER_PANE_WIDTH / 2 + 20 ? PEER_PANE_WIDTH : Math.max(0, w / 3);
        int chatColumn = Math.min(w, pane + 2);
        int paneHeight = Math.max(0, h - 2);
        return new Layout(
                w, h, pane, pane, chatColumn, Math.max(0, w - chatColumn), paneHeight, h >= 2 ? h - 2 : -1, h - 1);
    }
}
