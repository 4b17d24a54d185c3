package org.torchat.protocol.text;

import java.util.ArrayList;
import java.util.List;

/**
 * The one filter between text a peer controls (messages, nicknames it cannot set but requests it can, file names,
 * error texts) and a terminal, shared by the TUI and every scripting command. Nothing that passes it can move the
 * cursor, change colours or modes, write the clipboard (OSC 52), hide text or reorder it:
 * <ul>
 *   <li>a tab becomes a space;</li>
 *   <li>every other control character (C0, DEL, C1, so ESC and CSI) becomes {@code ?};</li>
 *   <li>every invisible format character becomes {@code ?}: the bidirectional marks and overrides (U+200E, U+200F,
 *       U+061C, U+202A..U+202E, U+2066..U+2069), the zero-width characters (U+200B, U+200C, U+2060, U+FEFF) and the
 *       rest of Unicode's category Cf, as do the line and paragraph separators U+2028 and U+2029;</li>
 *   <li>an unpaired surrogate becomes {@code ?}.</li>
 * </ul>
 * Two invisible characters are kept where emoji need them, and only there. The zero-width joiner U+200D stays
 * between two pictographs (with their skin tones and variation selectors), because that is what makes
 * "👨‍👩‍👧" one family instead of three people; anywhere else (inside a word, at either end, after a letter) it
 * is a hidden character and is replaced. Tag characters stay after U+1F3F4 (the subdivision flags, such as
 * Scotland's). Inside an emoji sequence neither can hide or reorder anything: the terminal draws one picture or,
 * when it does not know the sequence, its parts.
 */
public final class TerminalText {
    public static final char REPLACEMENT = '?';

    private TerminalText() {}

    /** {@code text} split at its line breaks (CR LF, CR, LF), each line made safe. Never empty. */
    public static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\r\n|\r|\n", -1)) {
            lines.add(line(line));
        }
        return lines;
    }

    /**
     * {@code text} made safe for a line of a scripting command's output: its lines are joined with a line break
     * and {@code indent}, so a peer's line break can never start a line that looks like one of ours.
     */
    public static String indented(String text, String indent) {
        return String.join("\n" + indent, lines(text));
    }

    /** {@code text} safe on one line: line breaks become spaces too. */
    public static String oneLine(String text) {
        return String.join(" ", lines(text));
    }

    /** One line (without line breaks) made safe. */
    public static String line(String text) {
        StringBuilder b = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (cp == '\t') {
                b.append(' ');
            } else if (isAllowedJoiner(text, i, cp)) {
                b.appendCodePoint(cp);
            } else if (isHostile(cp)) {
                b.append(REPLACEMENT);
            } else {
                b.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return b.toString();
    }

    private static boolean isHostile(int cp) {
        if (Character.isISOControl(cp) || Character.isSurrogate((char) cp) && cp <= 0xFFFF) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** A ZWJ between two pictographs, or a tag character in a subdivision flag. */
    private static boolean isAllowedJoiner(String s, int i, int cp) {
        if (cp == Emoji.ZWJ) {
            int before = pictographBefore(s, i);
            int after = i + 1 < s.length() ? s.codePointAt(i + 1) : -1;
            return before >= 0 && Emoji.isPictographic(before) && Emoji.isPictographic(after);
        }
        if (Emoji.isTag(cp)) {
            int j = i;
            while (j > 0) {
                int prev = s.codePointBefore(j);
                if (prev == 0x1F3F4) {
                    return true;
                }
                if (!Emoji.isTag(prev)) {
                    return false;
                }
                j -= Character.charCount(prev);
            }
        }
        return false;
    }

    /** The code point before {@code i}, skipping the skin tones and variation selector that belong to it. */
    private static int pictographBefore(String s, int i) {
        int j = i;
        while (j > 0) {
            int prev = s.codePointBefore(j);
            if (!Emoji.isModifier(prev) && prev != Emoji.VARIATION_EMOJI) {
                return prev;
            }
            j -= Character.charCount(prev);
        }
        return -1;
    }
}
