package org.torchat.daemon.logging;

/**
 * Text made safe for one log line: whatever a peer put in it, it cannot start a new line, move the cursor, change
 * colours or reorder what follows when the log is read in a terminal, and it cannot make the line huge.
 */
public final class LogText {
    /** A log line's message is cut after this many characters. */
    public static final int MAX_CHARS = 1000;

    private LogText() {}

    /**
     * CR, LF and TAB as {@code \r}, {@code \n}, {@code \t}; every other control or format character (C0, DEL, C1,
     * bidi overrides and isolates, zero-width characters) as {@code \\uXXXX}; a backslash doubled so that an escape
     * cannot be faked; then cut to {@code max} characters with the length that was cut.
     */
    public static String escape(String text, int max) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 16);
        int i = 0;
        for (; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (needsEscape(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (i < text.length()) {
            if (Character.isHighSurrogate(out.charAt(out.length() - 1))) {
                out.setLength(out.length() - 1);
                i--;
            }
            out.append("... (").append(text.length() - i).append(" more characters)");
        }
        return out.toString();
    }

    private static boolean needsEscape(char c) {
        int type = Character.getType(c);
        return type == Character.CONTROL
                || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }
}
