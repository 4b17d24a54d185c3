package org.torchat.tui.ui;

import java.util.ArrayList;
import java.util.List;
import org.torchat.protocol.text.TerminalText;

/** Text helpers for the screen: make untrusted text safe to draw, measure it in columns, wrap and cut it. */
final class TextLines {
    private TextLines() {}

    /**
     * Splits {@code text} into display lines made safe by the clients' one filter ({@link TerminalText}): nothing a
     * peer sends can move the cursor, change the terminal, or hide or reorder text.
     */
    static List<String> sanitize(String text) {
        return TerminalText.lines(text);
    }

    /** The columns {@code s} takes on a terminal, grapheme by grapheme ({@link Graphemes}). */
    static int width(String s) {
        return Graphemes.columns(s);
    }

    /** The longest prefix of {@code s} that fits in {@code columns}, never splitting a grapheme. */
    static String fit(String s, int columns) {
        return s.substring(0, fitEnd(s, 0, columns));
    }

    /** The end of the longest run of whole graphemes from {@code start} that fits in {@code columns}. */
    static int fitEnd(String s, int start, int columns) {
        int w = 0;
        int i = start;
        while (i < s.length()) {
            int end = Graphemes.next(s, i);
            w += Graphemes.width(s.substring(i, end));
            if (w > columns) {
                return i;
            }
            i = end;
        }
        return i;
    }

    /** Cuts {@code s} into pieces of at most {@code columns}, breaking at spaces where it can. */
    static List<String> wrap(String s, int columns) {
        List<String> out = new ArrayList<>();
        for (int[] r : wrapRanges(s, columns)) {
            out.add(s.substring(r[0], r[1]));
        }
        return out;
    }

    /**
     * Where {@link #wrap} cuts {@code s}: {@code [start, end)} of each piece. A space where the line breaks is
     * dropped; a word longer than the line is cut between graphemes, never inside one.
     */
    static List<int[]> wrapRanges(String s, int columns) {
        List<int[]> out = new ArrayList<>();
        if (columns <= 0) {
            return out;
        }
        int start = 0;
        while (Graphemes.columns(s.substring(start)) > columns) {
            int end = fitEnd(s, start, columns);
            int space = s.lastIndexOf(' ', end - 1);
            if (space > start && end < s.length()) {
                out.add(new int[] {start, space});
                start = space + 1;
            } else {
                if (end == start) {
                    end = Graphemes.next(s, start); // one wide grapheme in one column: show it anyway
                }
                out.add(new int[] {start, end});
                start = end;
            }
        }
        if (start < s.length() || out.isEmpty()) {
            out.add(new int[] {start, s.length()});
        }
        return out;
    }

    /** Cuts {@code s} into pieces of exactly {@code columns} (the last may be shorter), as an address is shown. */
    static List<String> chop(String s, int columns) {
        List<String> out = new ArrayList<>();
        if (columns <= 0) {
            return out;
        }
        int start = 0;
        while (start < s.length()) {
            int end = fitEnd(s, start, columns);
            if (end == start) {
                end = Graphemes.next(s, start);
            }
            out.add(s.substring(start, end));
            start = end;
        }
        return out;
    }
}
