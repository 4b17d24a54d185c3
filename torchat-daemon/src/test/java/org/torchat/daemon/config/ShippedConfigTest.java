package org.torchat.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The torchat.conf in the repository documents the defaults: it must parse and change nothing. */
class ShippedConfigTest {
    @Test
    void theShippedFileParsesAndHoldsExactlyTheBuiltInDefaults() throws Exception {
        Path shipped = Path.of(System.getProperty("torchat.repo", "..")).resolve("torchat.conf");
        ConfigFile file = ConfigFile.read(shipped);
        Path dataDir = Path.of("/tmp/unused");
        Settings fromFile = new Settings.Builder().apply(file).dataDir(dataDir).build();
        Settings defaults = new Settings.Builder().dataDir(dataDir).build();
        assertEquals(defaults, fromFile);
        String text = java.nio.file.Files.readString(shipped);
        for (String key : Settings.KEYS) {
            assertTrue(text.contains(key + ": "), "the shipped torchat.conf documents '" + key + "'");
        }
    }
}
