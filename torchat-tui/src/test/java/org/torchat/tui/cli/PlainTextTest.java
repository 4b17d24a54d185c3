package org.torchat.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PlainTextTest {
    @Test
    void escapeSequencesCarriageReturnsC1ControlsAndBidiOverridesBecomeQuestionMarks() {
        assertEquals("?[2J?]0;title??x?y", PlainText.line("\u001b[2J\u001b]0;title\u0007\u009bx\u202ey"));
        assertEquals("tab becomes space", PlainText.line("tab\tbecomes space"));
        assertEquals("日本語 and ümlauts stay", PlainText.line("日本語 and ümlauts stay"));
    }

    @Test
    void everyLineBreakStartsAnIndentedLine() {
        assertEquals("a\n  b\n  c\n  d", PlainText.lines("a\nb\r\nc\rd", "  "));
    }
}
