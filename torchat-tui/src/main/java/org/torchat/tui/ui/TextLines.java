package org.torchat.tui.ui;

import com.googlecode.lanterna.TerminalTextUtils;
import java.util.ArrayList;
import java.util.List;

/** Text helpers for the screen: make untrusted text safe to draw, measure it in columns, wrap and cut it. */
final class TextLines {
    private TextLines() {
    }

    /**
     * Splits {@code text} into display lines: line breaks start new lines, a tab becomes a space and every
     * other control character (a peer's escape sequences, for one) becomes {@code ?}, so nothing a peer sends
     * can move the cursor or change the terminal.
     */
    static List<String> sanitize(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\r\n|\r|\n", -1)) {
            StringBuilder b = new StringBuilder(line.length());
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '\t') {
                    b.append(' ');
                } else if (Character.isISOControl(c) || isInvisibleFormat(c)) {
                    b.append('?');
                } else {
                    b.append(c);
                }
            }
            lines.add(b.toString());
        }
        return lines;
    }

    /** Bidirectional overrides and the like: they would reorder what the user sees. */
    private static boolean isInvisibleFormat(char c) {
        return (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }

    static int width(char c) {
        return TerminalTextUtils.isCharDoubleWidth(c) ? 2 : 1;
    }

    static int width(CharSequence s) {
        int w = 0;
        for (int i = 0; i < s.length(); i++) {
            w += width(s.charAt(i));
        }
        return w;
    }

    /** The longest prefix of {@code s} that fits in {@code columns}. */
    static String fit(String s, int columns) {
        if (columns <= 0) {
            return "";
        }
        int w = 0;
        for (int i = 0; i < s.length(); i++) {
            w += width(s.charAt(i));
            if (w > columns) {
                return s.substring(0, i);
            }
        }
        return s;
    }

    /** Cuts {@code s} into pieces of at most {@code columns}, breaking at spaces where it can. */
    static List<String> wrap(String s, int columns) {
        List<String> out = new ArrayList<>();
        if (columns <= 0) {
            return out;
        }
        String rest = s;
        while (width(rest) > columns) {
            String head = fit(rest, columns);
            int space = head.lastIndexOf(' ');
            if (space > 0) {
                out.add(head.substring(0, space));
                rest = rest.substring(space + 1);
            } else {
                if (head.isEmpty()) {
                    head = rest.substring(0, 1); // one double-width char in one column: cut it anyway
                }
                out.add(head);
                rest = rest.substring(head.length());
            }
        }
        out.add(rest);
        return out;
    }

    /** Cuts {@code s} into pieces of exactly {@code columns} (the last may be shorter), as an address is shown. */
    static List<String> chop(String s, int columns) {
        List<String> out = new ArrayList<>();
        if (columns <= 0) {
            return out;
        }
        String rest = s;
        while (!rest.isEmpty()) {
            String head = fit(rest, columns);
            if (head.isEmpty()) {
                head = rest.substring(0, 1);
            }
            out.add(head);
            rest = rest.substring(head.length());
        }
        return out;
    }
}
