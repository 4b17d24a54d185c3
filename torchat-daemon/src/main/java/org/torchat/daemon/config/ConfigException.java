package org.torchat.daemon.config;

import java.nio.file.Path;

/** A torchat.conf that cannot be used; the message names the file, the line and what is wrong. */
public final class ConfigException extends Exception {
    public ConfigException(Path file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
    }

    public ConfigException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
