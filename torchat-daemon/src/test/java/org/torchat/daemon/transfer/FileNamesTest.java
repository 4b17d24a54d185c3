package org.torchat.daemon.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileNamesTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "report.pdf|report.pdf",
                "../../etc/passwd|_._etc_passwd",
                "/etc/passwd|_etc_passwd",
                "a/b|a_b",
                "a\\b|a_b",
                "C:evil|C_evil",
                "..|file",
                ".|file",
                "...|file",
                ".bashrc|bashrc",
                "..hidden..txt|hidden.txt",
                "'  spaced  '|spaced",
                "name.|name",
                "CON|_CON",
                "nul.txt|_nul.txt",
                "lpt1|_lpt1",
                "console|console",
                "Grüße 日本.txt|Grüße 日本.txt",
            })
    void namesBecomeOnePlainVisibleComponent(String offered, String safe) {
        assertEquals(safe, FileNames.sanitise(offered));
    }

    @Test
    void controlCharactersNulAndLineBreaksAreReplaced() {
        assertEquals("a_b", FileNames.sanitise("a\u0000b"));
        assertEquals("line_break", FileNames.sanitise("line\nbreak"));
        assertEquals("cr_lf_tab_", FileNames.sanitise("cr\rlf\u0085tab\t"));
        assertEquals("esc_[31mred", FileNames.sanitise("esc\u001b[31mred"));
        assertEquals("__", FileNames.sanitise("\u0000\u0000"));
    }

    @Test
    void invisibleCharactersThatDisguiseANameAreReplaced() {
        assertEquals("photo_gpj.exe", FileNames.sanitise("photo\u202Egpj.exe"), "right-to-left override");
        assertEquals("a_b", FileNames.sanitise("a\u200Bb"), "zero-width space");
        assertEquals("a_b", FileNames.sanitise("a\u2028b"), "line separator");
        assertEquals("a_b", FileNames.sanitise("a\uD800b"), "lone surrogate");
    }

    @ParameterizedTest
    @ValueSource(ints = {201, 1000, 10_000})
    void longNamesAreCutToTwoHundredBytesKeepingTheExtension(int length) {
        String safe = FileNames.sanitise("x".repeat(length) + ".tar.gz");
        assertEquals(200, safe.getBytes(StandardCharsets.UTF_8).length);
        assertTrue(safe.endsWith("x.gz"), safe);
    }

    @Test
    void aTenThousandCharacterNameOfMultibyteLettersIsCutBetweenCharacters() {
        String safe = FileNames.sanitise("日".repeat(10_000));
        assertTrue(safe.getBytes(StandardCharsets.UTF_8).length <= 200);
        assertEquals("日".repeat(66), safe);
    }

    @Test
    void aSanitisedNameNeverLeavesItsDirectory() {
        Path downloads = Path.of("/data/downloads");
        for (String hostile : new String[] {"../../etc/passwd", "..", "../", "..\\..\\x", "a/../../b", "/", "~/x"}) {
            String safe = FileNames.sanitise(hostile);
            Path target = downloads.resolve(safe).normalize();
            assertEquals(downloads, target.getParent(), hostile + " -> " + safe);
            assertFalse(safe.startsWith("."), safe);
        }
    }

    @Test
    void collisionsGetANumberBeforeTheExtension() {
        assertEquals("notes (1).txt", FileNames.withSuffix("notes.txt", 1));
        assertEquals("archive.tar (2).gz", FileNames.withSuffix("archive.tar.gz", 2));
        assertEquals("README (3)", FileNames.withSuffix("README", 3));
    }
}
