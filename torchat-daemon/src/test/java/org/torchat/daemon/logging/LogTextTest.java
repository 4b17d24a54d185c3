package org.torchat.daemon.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a peer's text becomes in a log line. */
class LogTextTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a\r\nforged line", "a\\r\\nforged line"),
                Arguments.of("tab\there", "tab\\there"),
                Arguments.of("\u001b[8mhidden", "\\u001b[8mhidden"),
                Arguments.of("bell\u0007", "bell\\u0007"),
                Arguments.of("c1\u009b31m", "c1\\u009b31m"),
                Arguments.of("rtl\u202eevil", "rtl\\u202eevil"),
                Arguments.of("zero\u200bwidth", "zero\\u200bwidth"),
                Arguments.of("lrm\u200e rlm\u200f alm\u061c", "lrm\\u200e rlm\\u200f alm\\u061c"),
                Arguments.of("line\u2028sep", "line\\u2028sep"),
                Arguments.of("back\\slash", "back\\\\slash"),
                Arguments.of("plain 中文 😀 é", "plain 中文 😀 é"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void controlAndFormatCharactersAreEscaped(String in, String out) {
        assertEquals(out, LogText.escape(in, 1000));
    }

    @Test
    void longTextIsCutWithTheLengthLeftOut() {
        String cut = LogText.escape("x".repeat(9900), 1000);
        assertTrue(cut.startsWith("x".repeat(1000) + "... (8900 more characters)"), cut);
        assertTrue(cut.length() < 1100);
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String cut = LogText.escape("a" + "😀".repeat(10), 4);
        assertFalse(Character.isHighSurrogate(cut.charAt(cut.indexOf("...") - 1)), cut);
        assertTrue(cut.startsWith("a😀..."), cut);
    }

    @Test
    void nullIsWrittenAsNull() {
        assertEquals("null", LogText.escape(null, 10));
    }
}
