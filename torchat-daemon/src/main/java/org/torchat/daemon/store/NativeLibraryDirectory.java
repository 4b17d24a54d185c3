package org.torchat.daemon.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where sqlite-jdbc unpacks its native library (about 1 MB) before loading it. By default that is a new file in
 * /tmp at every start, removed only at a clean exit: each crash or kill -9 left one behind, forever. Here it goes
 * to {@code DATA_DIR/native}, which only the daemon holding the data directory's lock uses, so whatever an
 * earlier run left there can be removed before SQLite is loaded.
 */
public final class NativeLibraryDirectory {
    /** sqlite-jdbc's setting for the directory it unpacks into. */
    static final String SQLITE_TMPDIR = "org.sqlite.tmpdir";

    public static final String NAME = "native";
    private static final Logger LOG = LoggerFactory.getLogger(NativeLibraryDirectory.class);

    private NativeLibraryDirectory() {}

    /**
     * Points sqlite-jdbc at {@code DATA_DIR/native}, emptied first, unless the user chose a directory with
     * {@code -Dorg.sqlite.tmpdir}. Only the first daemon in a JVM matters: the library is loaded once per JVM.
     */
    public static void prepare(DataDirectory dataDir) throws IOException {
        if (System.getProperty(SQLITE_TMPDIR) != null) {
            return;
        }
        Path dir = dataDir.resolve(NAME);
        if (Files.isDirectory(dir)) {
            removeLeftovers(dir);
        } else {
            Files.createDirectory(
                    dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        System.setProperty(SQLITE_TMPDIR, dir.toString());
    }

    private static void removeLeftovers(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "sqlite-*")) {
            for (Path file : files) {
                Files.deleteIfExists(file);
                LOG.debug("removed {}, left by an earlier run that did not exit cleanly", file);
            }
        }
    }
}
