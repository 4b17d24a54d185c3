package org.torchat.tui.ui;

import com.googlecode.lanterna.graphics.TextGraphics;
import java.util.List;

/**
 * Puts text on the screen one grapheme per cell (two for a wide one), in the style the {@link Theme} gives its
 * role. Lanterna's own {@code putString} goes char by char, so a character outside the Basic Multilingual Plane
 * ("🎉") became two cells of {@code ?}; here every cluster is one {@link ClusterCharacter}.
 */
final class Cells {
    private final TextGraphics g;
    private final Theme theme;
    private final AsciiCells ascii;

    Cells(TextGraphics g, Theme theme, AsciiCells ascii) {
        this.g = g;
        this.theme = theme;
        this.ascii = ascii;
    }

    Theme theme() {
        return theme;
    }

    /** {@code text} at {@code (col, row)} in {@code role}'s style; returns the column after it. */
    int put(int col, int row, String text, Role role) {
        return put(col, row, Line.of(text, role), 0, text.length());
    }

    /** {@code line}'s text from {@code start} to {@code end} at {@code (col, row)}, each part in its role's style. */
    int put(int col, int row, Line line, int start, int end) {
        String text = line.text();
        int c = col;
        int i = start;
        while (i < end) {
            int next = Math.min(end, Graphemes.next(text, i));
            String cluster = text.substring(i, next);
            Theme.Style s = theme.style(line.roleAt(i));
            // A cluster wider than a cell pair ("👍🏽" is four columns in tmux) is drawn as the terminal lays it out.
            for (String piece : Graphemes.width(cluster) <= 2 ? List.of(cluster) : Graphemes.pieces(cluster)) {
                g.setCharacter(
                        c,
                        row,
                        piece.length() == 1 && piece.charAt(0) < AsciiCells.LIMIT
                                ? ascii.cell(piece.charAt(0), s)
                                : ClusterCharacter.of(piece, s.foreground(), s.background(), s.modifiers()));
                c += Graphemes.width(piece);
            }
            i = next;
        }
        return c;
    }

    /** {@code columns} blanks in {@code role}'s style (a highlighted row, a coloured status line). */
    void fill(int col, int row, int columns, Role role) {
        Theme.Style s = theme.style(role);
        for (int c = col; c < col + columns; c++) {
            g.setCharacter(c, row, ascii.cell(' ', s));
        }
    }
}
