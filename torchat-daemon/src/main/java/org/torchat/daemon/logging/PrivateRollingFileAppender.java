package org.torchat.daemon.logging;

import ch.qos.logback.core.rolling.RollingFileAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A rolling log file that stays private: a file logback creates at rollover gets the process's umask (often 0644),
 * but our logs name contacts, so each new file is set to 0600 at once.
 */
public final class PrivateRollingFileAppender<E> extends RollingFileAppender<E> {
    @Override
    public void rollover() {
        super.rollover();
        makePrivate(Path.of(getFile()));
    }

    static void makePrivate(Path file) {
        try {
            if (Files.exists(file)) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Not a POSIX file system, or the file is gone: the data directory (0700) still keeps others out.
        }
    }
}
