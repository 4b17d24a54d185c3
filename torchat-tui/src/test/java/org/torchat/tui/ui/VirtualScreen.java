package org.torchat.tui.ui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.io.IOException;

/** A Lanterna screen on a virtual terminal, with helpers to read back what a real terminal would show. */
final class VirtualScreen implements AutoCloseable {
    final DefaultVirtualTerminal terminal;
    final TerminalScreen screen;

    VirtualScreen(int columns, int rows) throws IOException {
        terminal = new DefaultVirtualTerminal(new TerminalSize(columns, rows));
        screen = new TerminalScreen(terminal);
        screen.startScreen();
    }

    /** Renders {@code state} as the app does and pushes it to the terminal. */
    TerminalPosition draw(ChatState state) throws IOException {
        screen.doResizeIfNecessary();
        TerminalPosition cursor = new ScreenRenderer().render(state, screen.newTextGraphics(), screen.getTerminalSize());
        screen.setCursorPosition(cursor);
        screen.refresh(Screen.RefreshType.COMPLETE);
        return cursor;
    }

    /** Row {@code row} of the terminal as text, trailing spaces included. */
    String row(int row) {
        StringBuilder b = new StringBuilder();
        int columns = terminal.getTerminalSize().getColumns();
        for (int col = 0; col < columns; col++) {
            b.append(terminal.getCharacter(col, row).getCharacterString());
        }
        return b.toString();
    }

    boolean reversed(int col, int row) {
        return terminal.getCharacter(col, row).getModifiers().contains(SGR.REVERSE);
    }

    String text() {
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < terminal.getTerminalSize().getRows(); r++) {
            b.append(row(r).stripTrailing()).append('\n');
        }
        return b.toString();
    }

    @Override
    public void close() throws IOException {
        screen.stopScreen();
    }
}
