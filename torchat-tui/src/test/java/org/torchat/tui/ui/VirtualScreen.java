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

    private final ScreenRenderer renderer;

    VirtualScreen(int columns, int rows) throws IOException {
        this(columns, rows, Theme.colour());
    }

    VirtualScreen(int columns, int rows, Theme theme) throws IOException {
        renderer = new ScreenRenderer(theme);
        terminal = new DefaultVirtualTerminal(new TerminalSize(columns, rows));
        screen = new TerminalScreen(terminal);
        screen.startScreen();
    }

    /** Renders {@code state} as the app does and pushes it to the terminal. */
    TerminalPosition draw(ChatState state) throws IOException {
        screen.doResizeIfNecessary();
        TerminalPosition cursor = renderer.render(state, screen.newTextGraphics(), screen.getTerminalSize());
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

    /** The cell Lanterna sends to the terminal at {@code (col, row)}: a whole grapheme cluster. */
    com.googlecode.lanterna.TextCharacter cell(int col, int row) {
        return screen.getFrontCharacter(col, row);
    }

    /** The graphemes of row {@code row} from column {@code from}, as the screen holds them, a wide one once. */
    java.util.List<String> clusters(int from, int row) {
        java.util.List<String> out = new java.util.ArrayList<>();
        int columns = terminal.getTerminalSize().getColumns();
        for (int col = from; col < columns; col++) {
            com.googlecode.lanterna.TextCharacter c = cell(col, row);
            out.add(c.getCharacterString());
            if (c.isDoubleWidth()) {
                col++;
            }
        }
        return out;
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
