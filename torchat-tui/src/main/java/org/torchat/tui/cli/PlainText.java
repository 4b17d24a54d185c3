package org.torchat.tui.cli;

/**
 * Peer-written text made safe to print where a terminal may show it: every control character (escape sequences, a
 * carriage return that would overwrite the line, C1 controls) and the bidirectional overrides (which reorder what a
 * reader sees) become {@code ?}. Line breaks are handled by the caller, which knows its layout.
 */
final class PlainText {
    private PlainText() {
    }

    static String line(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\t') {
                b.append(' ');
            } else if (Character.isISOControl(c) || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')
                    || c == '\u200e' || c == '\u200f' || c == '\u061c') {
                b.append('?');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Each line of {@code text} made safe; the lines after the first indented by {@code indent}. */
    static String lines(String text, String indent) {
        String[] parts = text.split("\r\n|\r|\n", -1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                b.append('\n').append(indent);
            }
            b.append(line(parts[i]));
        }
        return b.toString();
    }
}
