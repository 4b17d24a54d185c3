package org.torchat.tui.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextLinesTest {
    @Test
    void sanitizeSplitsLinesAndDefusesControlCharacters() {
        assertEquals(List.of("a", "b", "c"), TextLines.sanitize("a\nb\r\nc"));
        assertEquals(List.of("?[2J?[31mred x"), TextLines.sanitize("\u001b[2J\u001b[31mred\tx"));
        assertEquals(List.of("?evil"), TextLines.sanitize("\u202eevil"));
        assertEquals(List.of(""), TextLines.sanitize(""));
    }

    @Test
    void wrapBreaksAtSpacesAndCutsLongWords() {
        assertEquals(List.of("hello", "world"), TextLines.wrap("hello world", 8));
        assertEquals(List.of("abcde", "fghij", "k"), TextLines.wrap("abcdefghijk", 5));
        assertEquals(List.of("short"), TextLines.wrap("short", 80));
        assertEquals(List.of(""), TextLines.wrap("", 10));
    }

    @Test
    void wrapCountsDoubleWidthCharactersAsTwoColumns() {
        assertEquals(List.of("日本", "語"), TextLines.wrap("日本語", 4));
        assertEquals(4, TextLines.width("日本"));
    }

    @Test
    void chopCutsIntoFixedWidthPieces() {
        assertEquals(List.of("abc", "def", "g"), TextLines.chop("abcdefg", 3));
        assertEquals(List.of(), TextLines.chop("", 3));
    }

    @Test
    void fitKeepsWhatFits() {
        assertEquals("abc", TextLines.fit("abcdef", 3));
        assertEquals("ab", TextLines.fit("ab", 3));
        assertEquals("", TextLines.fit("ab", 0));
    }
}
