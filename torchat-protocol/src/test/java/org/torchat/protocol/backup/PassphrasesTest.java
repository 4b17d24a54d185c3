package org.torchat.protocol.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassphrasesTest {
    @TempDir
    Path tmp;

    @Test
    void aFileGivesItsFirstLineAndWinsOverTheEnvironment() throws Exception {
        Path file = Files.writeString(tmp.resolve("p"), "from the file\r\nsecond line\n");
        assertEquals(
                "from the file",
                new String(Passphrases.obtain(file, Map.of(Passphrases.ENV, "from the env"), null, "prompt", true)));
    }

    @Test
    void theEnvironmentServesScriptsWithoutAFile() throws Exception {
        assertEquals(
                "from the env",
                new String(Passphrases.obtain(null, Map.of(Passphrases.ENV, "from the env"), null, "prompt", true)));
    }

    @Test
    void withoutFileEnvironmentOrTerminalTheErrorSaysWhatToDo() {
        Passphrases.UnavailableException e = assertThrows(
                Passphrases.UnavailableException.class,
                () -> Passphrases.obtain(null, Map.of(), null, "prompt", false));
        assertTrue(
                e.getMessage().contains("--passphrase-file") && e.getMessage().contains(Passphrases.ENV),
                e.getMessage());
    }

    @Test
    void shortPassphrasesAndMissingFilesAreRefused() {
        assertThrows(
                Passphrases.UnavailableException.class,
                () -> Passphrases.obtain(null, Map.of(Passphrases.ENV, "short"), null, "prompt", false));
        Passphrases.UnavailableException e = assertThrows(
                Passphrases.UnavailableException.class,
                () -> Passphrases.obtain(tmp.resolve("missing"), Map.of(), null, "prompt", false));
        assertTrue(e.getMessage().contains("cannot read the passphrase file"), e.getMessage());
    }
}
