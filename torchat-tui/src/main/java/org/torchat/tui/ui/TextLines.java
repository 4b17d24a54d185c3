package org.torchat.tui.ui;

import com.googlecode.lanterna.TerminalTextUtils;
import java.util.ArrayList;
import java.util.List;
import org.torchat.protocol.text.TerminalText;

/** Text helpers for the screen: make untrusted text safe to draw, measure it in columns, wrap and cut it. */
final class TextLines {
    private TextLines() {
    }

    /**
     * Splits {@code text} into display lines made safe by the clients' one filter ({@link TerminalText}): nothing a
     * peer sends can move the cursor, change the terminal, or hide or reorder text.
     */
    static List<String> sanitize(String text) {
        return TerminalText.lines(text);
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
