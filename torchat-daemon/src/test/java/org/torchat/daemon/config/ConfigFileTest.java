package org.torchat.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    /** The torchat.conf shipped with the original C daemon, verbatim. */
    static final String SEED_CONF = """
            # TORchat config file
            maxconnections: 16 # the max number of connections
            maxevents: 64
            epolltimeout: 120000
            host: localhost
            torport: 9250
            daemonport: 8000
            loginfo: info.log
            logdebug: debug.log
            logerror: error.log
            sockbufsize: 512
            interface: INADDR_LOOPBACK
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static Map<String, String> values(ConfigFile file) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        file.entries().forEach((k, e) -> values.put(k, e.value()));
        return values;
    }

    @Test
    void theSeedsOwnFileParses() throws Exception {
        ConfigFile file = ConfigFile.read(write("torchat.conf", SEED_CONF));

        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("maxconnections", "16");
        expected.put("maxevents", "64");
        expected.put("epolltimeout", "120000");
        expected.put("host", "localhost");
        expected.put("torport", "9250");
        expected.put("daemonport", "8000");
        expected.put("loginfo", "info.log");
        expected.put("logdebug", "debug.log");
        expected.put("logerror", "error.log");
        expected.put("sockbufsize", "512");
        expected.put("interface", "INADDR_LOOPBACK");
        assertEquals(expected, values(file));
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(file.entries().keySet()), "file order is kept");
        // line 1 is the comment, so maxconnections is on line 2 and interface on line 12
        assertEquals(2, file.entries().get("maxconnections").line());
        assertEquals(12, file.entries().get("interface").line());
    }

    @Test
    void theSeedsOwnFileGivesTheSeedsSettings() throws Exception {
        Settings s = new Settings.Builder()
                .apply(ConfigFile.read(write("torchat.conf", SEED_CONF)))
                .dataDir(dir)
                .build();

        assertEquals(16, s.maxConnections());
        assertEquals(8000, s.controlPort());
        assertEquals(new HostPort("localhost", 9250), s.socks());
        assertEquals(512, s.maxFramePayload());
        assertTrue(s.controlInterface().isLoopbackAddress());
    }

    @Test
    void inlineCommentsAndSurroundingSpaceAreNotPartOfTheValue() throws Exception {
        ConfigFile file = ConfigFile.parse(
                Path.of("t.conf"),
                List.of(
                        "maxconnections:16#no space before the hash",
                        "   torport   :   9050    # padded",
                        "host: 127.0.0.1 # # two hashes"));

        assertEquals(Map.of("maxconnections", "16", "torport", "9050", "host", "127.0.0.1"), values(file));
    }

    @Test
    void blankLinesAndCommentLinesAreIgnoredButCountForLineNumbers() throws Exception {
        ConfigFile file = ConfigFile.parse(
                Path.of("t.conf"),
                List.of("", "   ", "\t", "# comment", "   # indented comment", "daemonport: 9000", ""));

        assertEquals(Map.of("daemonport", "9000"), values(file));
        assertEquals(6, file.entries().get("daemonport").line());
    }

    @Test
    void anEmptyFileHasNoEntries() throws Exception {
        assertTrue(ConfigFile.read(write("empty.conf", "")).entries().isEmpty());
        assertTrue(ConfigFile.empty().entries().isEmpty());
    }

    @Test
    void anUnknownKeyNamesFileLineAndKey() throws Exception {
        Path file = write("mine.conf", "# header\n\ndaemonport: 8000\ncolour: blue\n");

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.read(file));

        assertTrue(e.getMessage().startsWith(file + ":4: "), e.getMessage());
        assertTrue(e.getMessage().contains("unknown key 'colour'"), e.getMessage());
    }

    @Test
    void keysAreCaseSensitiveAsInTheSeed() {
        ConfigException e = assertThrows(
                ConfigException.class, () -> ConfigFile.parse(Path.of("t.conf"), List.of("DaemonPort: 8000")));

        assertTrue(e.getMessage().contains("unknown key 'DaemonPort'"), e.getMessage());
    }

    @Test
    void aLineWithoutAColonIsRefused() throws Exception {
        Path file = write("torchat.conf", "daemonport: 8000\ntorport 9250\n");

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.read(file));

        assertTrue(e.getMessage().startsWith(file + ":2: "), e.getMessage());
        assertTrue(e.getMessage().contains("expected 'key: value'"), e.getMessage());
        assertTrue(e.getMessage().contains("torport 9250"), e.getMessage());
    }

    @Test
    void aKeyWithoutAValueIsRefused() throws Exception {
        Path file = write("torchat.conf", "torport:\n");

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.read(file));

        assertEquals(file + ":1: key 'torport' has no value", e.getMessage());
    }

    @Test
    void aValueThatIsOnlyACommentIsEmpty() {
        ConfigException e = assertThrows(
                ConfigException.class, () -> ConfigFile.parse(Path.of("t.conf"), List.of("torport:   # set later")));

        assertTrue(e.getMessage().contains("key 'torport' has no value"), e.getMessage());
    }

    @Test
    void aDuplicateKeyNamesBothLines() throws Exception {
        Path file = write("torchat.conf", "daemonport: 8000\n\n# again\ndaemonport: 9000\n");

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.read(file));

        assertEquals(file + ":4: key 'daemonport' is already set on line 1", e.getMessage());
    }

    @Test
    void aMissingFileIsAConfigExceptionNamingIt() {
        Path missing = dir.resolve("nope.conf");

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.read(missing));

        assertTrue(e.getMessage().startsWith(missing + ": cannot read"), e.getMessage());
    }

    @Test
    void aFileThatIsNotUtf8IsRefused() throws Exception {
        Path file = dir.resolve("latin1.conf");
        Files.write(file, new byte[] {'h', 'o', 's', 't', ':', ' ', (byte) 0xE9, '\n'});

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.read(file));

        assertEquals(file + ": not a UTF-8 text file", e.getMessage());
    }
}
