package org.torchat.daemon.config;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed's torchat.conf syntax: one {@code key: value} per line, {@code #} starts a comment (also after a
 * value), blank lines ignored. Keys are checked against the known ones; values are checked by {@link Settings}.
 */
public final class ConfigFile {
    /** One {@code key: value} line. */
    public record Entry(String key, String value, int line) {}

    private final Path path;
    private final Map<String, Entry> entries;

    private ConfigFile(Path path, Map<String, Entry> entries) {
        this.path = path;
        this.entries = entries;
    }

    public static ConfigFile empty() {
        return new ConfigFile(Path.of("(none)"), Map.of());
    }

    public static ConfigFile read(Path path) throws ConfigException {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new ConfigException(path, "not a UTF-8 text file");
        } catch (IOException e) {
            throw new ConfigException(path, "cannot read: " + e.getMessage());
        }
        return parse(path, lines);
    }

    static ConfigFile parse(Path path, List<String> lines) throws ConfigException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = stripComment(lines.get(i)).strip();
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new ConfigException(path, lineNo, "expected 'key: value', got '" + line + "'");
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (!Settings.KEYS.contains(key) && !Settings.OLD_KEYS.contains(key)) {
                throw new ConfigException(
                        path,
                        lineNo,
                        "unknown key '" + key + "' (known keys: " + String.join(", ", Settings.KEYS) + ")");
            }
            if (value.isEmpty()) {
                throw new ConfigException(path, lineNo, "key '" + key + "' has no value");
            }
            if (entries.containsKey(key)) {
                throw new ConfigException(
                        path,
                        lineNo,
                        "key '" + key + "' is already set on line "
                                + entries.get(key).line());
            }
            entries.put(key, new Entry(key, value, lineNo));
        }
        return new ConfigFile(path, entries);
    }

    public Path path() {
        return path;
    }

    public Map<String, Entry> entries() {
        return entries;
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }
}
