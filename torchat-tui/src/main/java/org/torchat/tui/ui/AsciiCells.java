package org.torchat.tui.ui;

import com.googlecode.lanterna.TextCharacter;
import java.util.HashMap;
import java.util.Map;

/**
 * The cells of printable ASCII in each style, made once. Lanterna checks every new TextCharacter with a fresh
 * BreakIterator; most of a screen is ASCII in a handful of styles, so a redraw reuses these instead of making
 * thousands (TextCharacter is immutable). Bounded: the theme's styles times 128. Owned by one renderer, on the UI
 * thread.
 */
final class AsciiCells {
    static final int LIMIT = 128;

    private final Map<Theme.Style, TextCharacter[]> cells = new HashMap<>();

    TextCharacter cell(char c, Theme.Style style) {
        TextCharacter[] row = cells.computeIfAbsent(style, s -> new TextCharacter[LIMIT]);
        TextCharacter cell = row[c];
        if (cell == null) {
            cell = new TextCharacter(c, style.foreground(), style.background(), style.modifiers());
            row[c] = cell;
        }
        return cell;
    }
}
