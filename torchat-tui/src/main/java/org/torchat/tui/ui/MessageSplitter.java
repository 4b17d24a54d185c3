package org.torchat.tui.ui;

import java.util.ArrayList;
import java.util.List;
import org.torchat.protocol.TextLimits;

/**
 * Cuts a long text into messages the daemon accepts: each at most {@link TextLimits#MAX_ENCODED_BYTES} as it
 * appears in JSON (UTF-8, escapes counted). Cuts only between code points, never inside a surrogate pair, and
 * where it can after a space or line break near the end of a piece, so that words stay whole. Joining the
 * pieces gives the text back exactly.
 */
public final class MessageSplitter {
    /** How far back from the limit a cut looks for a space. */
    static final int WORD_BREAK_WINDOW = 200;

    private MessageSplitter() {}

    public static List<String> split(String text) {
        return split(text, TextLimits.MAX_ENCODED_BYTES);
    }

    static List<String> split(String text, int maxBytes) {
        if (maxBytes < 6) {
            throw new IllegalArgumentException("a piece must hold at least one escaped character");
        }
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int bytes = 0;
            int end = start;
            int lastBreak = -1;
            while (end < text.length()) {
                int cp = text.codePointAt(end);
                int n = Character.charCount(cp);
                int cost = cost(text, end, n, cp);
                if (bytes + cost > maxBytes) {
                    break;
                }
                bytes += cost;
                end += n;
                if (cp == ' ' || cp == '\n') {
                    lastBreak = end;
                }
            }
            if (end < text.length() && lastBreak > start && end - lastBreak <= WORD_BREAK_WINDOW) {
                end = lastBreak;
            }
            pieces.add(text.substring(start, end));
            start = end;
        }
        return pieces;
    }

    /** Bytes one code point takes in a JSON string: as the protocol measures it. */
    private static int cost(String text, int at, int chars, int cp) {
        if (cp >= 0x20 && cp < 0x7f && cp != '"' && cp != '\\') {
            return 1;
        }
        return TextLimits.encodedBytes(text.substring(at, at + chars));
    }
}
