package org.torchat.tui.ui;

import java.util.ArrayList;
import java.util.List;
import org.torchat.protocol.text.Emoji;

/**
 * What the user sees as one character (a grapheme cluster) and how many terminal columns it takes. The JDK's
 * {@code BreakIterator} in Java 17, which Lanterna uses, splits emoji with skin tones, ZWJ sequences and flags
 * into their parts (Java 20 fixed it), and Lanterna's width test knows only the Basic Multilingual Plane, so the
 * client segments and measures text itself: the extended grapheme cluster rules of UAX #29 that occur in chat
 * (combining marks, variation selectors, emoji modifiers, ZWJ sequences, regional-indicator pairs, tag sequences)
 * and widths as wcwidth gives them: each code point two columns when East Asian Wide or Fullwidth or an emoji
 * with emoji presentation, none for marks, joiners and selectors, else one; a cluster takes the sum. That is
 * what glibc's wcwidth and tmux 3.3 (measured) do: "👍🏽" takes four columns there (two people-sized cells), a
 * ZWJ family six, a flag two. Terminals that draw such a sequence as one picture (kitty, WezTerm, recent VTE)
 * then leave blank columns after it, but nothing on the line moves; the other choice would break every line in
 * tmux, screen and xterm, where this client is meant to live.
 */
final class Graphemes {
    /** East Asian Width W and F outside the emoji (Unicode 15 EastAsianWidth.txt, merged into blocks). */
    private static final int[][] WIDE = {
        {0x1100, 0x115F}, {0x2329, 0x232A}, {0x2E80, 0x303E}, {0x3041, 0x33FF}, {0x3400, 0x4DBF},
        {0x4E00, 0x9FFF}, {0xA000, 0xA4CF}, {0xA960, 0xA97F}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF},
        {0xFE10, 0xFE19}, {0xFE30, 0xFE6F}, {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x16FE0, 0x16FE4},
        {0x17000, 0x18CFF}, {0x1B000, 0x1B2FF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
    };

    private Graphemes() {}

    /** The clusters of {@code s}, in order; joined they are {@code s}. */
    static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            int end = next(s, i);
            out.add(s.substring(i, end));
            i = end;
        }
        return out;
    }

    /** Where the cluster that starts at {@code i} ends. */
    static int next(String s, int i) {
        if (i >= s.length()) {
            return s.length();
        }
        int first = s.codePointAt(i);
        int j = i + Character.charCount(first);
        if (Emoji.isRegionalIndicator(first) && j < s.length() && Emoji.isRegionalIndicator(s.codePointAt(j))) {
            j += 2; // a flag: exactly two indicators
        }
        int previous = first;
        while (j < s.length()) {
            int cp = s.codePointAt(j);
            boolean joined = previous == Emoji.ZWJ && Emoji.isPictographic(cp);
            if (!joined && !extends_(cp)) {
                break;
            }
            previous = cp;
            j += Character.charCount(cp);
        }
        return j;
    }

    /** Where the cluster that ends at {@code i} starts. */
    static int previous(String s, int i) {
        int start = 0;
        int at = 0;
        while (at < i) { // clusters have no reliable backward rule: walk forward from the start
            start = at;
            at = next(s, at);
        }
        return start;
    }

    /** Code points that belong to the cluster before them. */
    private static boolean extends_(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK
                || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || cp == Emoji.ZWJ
                || Emoji.isModifier(cp)
                || Emoji.isTag(cp)
                || cp >= 0xFE00 && cp <= 0xFE0F
                || cp >= 0xE0100 && cp <= 0xE01EF;
    }

    /** The columns one cluster takes: the sum of its code points' (at least 1, so that nothing is invisible). */
    static int width(String cluster) {
        if (cluster.isEmpty()) {
            return 0;
        }
        int w = cluster.codePoints().map(Graphemes::codePointWidth).sum();
        return Math.max(1, w);
    }

    /** wcwidth of one code point: 0, 1 or 2. */
    static int codePointWidth(int cp) {
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK
                || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.FORMAT
                || cp >= 0xFE00 && cp <= 0xFE0F
                || cp >= 0xE0100 && cp <= 0xE01EF) {
            return 0;
        }
        return Emoji.hasEmojiPresentation(cp) || isWide(cp) ? 2 : 1;
    }

    /**
     * A cluster as the cells a wcwidth terminal draws it in: each code point that takes columns starts a piece, with
     * the zero-width ones after it (accents, joiners, selectors). Each piece takes one or two columns.
     */
    static List<String> pieces(String cluster) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < cluster.length()) {
            int j = i + Character.charCount(cluster.codePointAt(i));
            while (j < cluster.length() && codePointWidth(cluster.codePointAt(j)) == 0) {
                j += Character.charCount(cluster.codePointAt(j));
            }
            out.add(cluster.substring(i, j));
            i = j;
        }
        return out;
    }

    /** The columns {@code s} takes. */
    static int columns(String s) {
        int w = 0;
        int i = 0;
        while (i < s.length()) {
            int end = next(s, i);
            w += width(s.substring(i, end));
            i = end;
        }
        return w;
    }

    private static boolean isWide(int cp) {
        for (int[] r : WIDE) {
            if (cp < r[0]) {
                return false;
            }
            if (cp <= r[1]) {
                return true;
            }
        }
        return false;
    }
}
