package org.torchat.protocol.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TerminalTextTest {
    @Test
    void escapeSequencesLoseTheirEscape() {
        assertEquals("?[8m (unverified)", TerminalText.line("\u001b[8m (unverified)"));
        assertEquals("?]52;c;ZXZpbA==?", TerminalText.line("\u001b]52;c;ZXZpbA==\u0007"));
        assertEquals("?2J ?", TerminalText.line("\u009b2J \u007f"));
    }

    @Test
    void tabsBecomeSpaces() {
        assertEquals("a b", TerminalText.line("a\tb"));
    }

    @Test
    void bidiMarksAndOverridesAreReplaced() {
        assertEquals("?a?b?c?d?e", TerminalText.line("\u200ea\u200fb\u061cc\u202ed\u2067e"));
    }

    @Test
    void zeroWidthCharactersAreReplaced() {
        assertEquals("a?b?c?d?e", TerminalText.line("a\u200bb\u200cc\u2060d\ufeffe"));
        assertEquals("a?b", TerminalText.line("a\u2028b"));
    }

    @Test
    void aJoinerOutsideAnEmojiSequenceIsReplaced() {
        assertEquals("pay?pal", TerminalText.line("pay\u200dpal"));
        assertEquals("?\ud83d\udc68", TerminalText.line("\u200d\ud83d\udc68"));
        assertEquals("\ud83d\udc68?", TerminalText.line("\ud83d\udc68\u200d"));
        assertEquals("a?\ud83d\udc68", TerminalText.line("a\u200d\ud83d\udc68"));
    }

    @Test
    void emojiSequencesStayWhole() {
        String family = "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67";
        String skinToneJoined = "\ud83e\uddd1\ud83c\udffd\u200d\ud83d\udcbb"; // technologist, medium skin tone
        String rainbowFlag = "\ud83c\udff3\ufe0f\u200d\ud83c\udf08";
        String scotland = "\ud83c\udff4\udb40\udc67\udb40\udc62\udb40\udc73\udb40\udc63\udb40\udc74\udb40\udc7f";
        for (String s : List.of(
                family, skinToneJoined, rainbowFlag, scotland, "\ud83c\udde9\ud83c\uddea", "e\u0301", "中文", "🎉")) {
            assertEquals(s, TerminalText.line(s), s);
        }
    }

    @Test
    void tagCharactersOutsideAFlagAreReplaced() {
        assertEquals("a??", TerminalText.line("a\udb40\udc67\udb40\udc7f"));
    }

    @Test
    void loneSurrogatesAreReplaced() {
        assertEquals("a?b", TerminalText.line("a\ud83db"));
    }

    @Test
    void linesSplitAndIndentedJoinsWithTheIndent() {
        assertEquals(List.of("a", "b", "c"), TerminalText.lines("a\nb\r\nc"));
        assertEquals("a\n    [12:00] > b", TerminalText.indented("a\n[12:00] > b", "    "));
        assertEquals("a b", TerminalText.oneLine("a\nb"));
    }
}
