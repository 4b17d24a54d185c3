package org.torchat.daemon.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibraryDirectoryTest {
    @TempDir
    Path tmp;

    private String before;

    @BeforeEach
    void rememberSetting() {
        before = System.clearProperty(NativeLibraryDirectory.SQLITE_TMPDIR);
    }

    @AfterEach
    void restoreSetting() {
        if (before == null) {
            System.clearProperty(NativeLibraryDirectory.SQLITE_TMPDIR);
        } else {
            System.setProperty(NativeLibraryDirectory.SQLITE_TMPDIR, before);
        }
    }

    @Test
    void aPrivateDirectoryInTheDataDirectoryIsCreatedAndChosen() throws Exception {
        try (DataDirectory dir = DataDirectory.open(tmp.resolve("data"))) {
            NativeLibraryDirectory.prepare(dir);

            Path expected = dir.resolve(NativeLibraryDirectory.NAME);
            assertEquals(expected.toString(), System.getProperty(NativeLibraryDirectory.SQLITE_TMPDIR));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(expected)));
        }
    }

    @Test
    void whatAnEarlierRunLeftIsRemovedAndNothingElse() throws Exception {
        try (DataDirectory dir = DataDirectory.open(tmp.resolve("data"))) {
            Path nativeDir = Files.createDirectory(dir.resolve(NativeLibraryDirectory.NAME));
            Path library = Files.createFile(nativeDir.resolve("sqlite-3.51.1.0-0a1b-libsqlitejdbc.so"));
            Path lock = Files.createFile(nativeDir.resolve("sqlite-3.51.1.0-0a1b-libsqlitejdbc.so.lck"));
            Path other = Files.createFile(nativeDir.resolve("notes.txt"));

            NativeLibraryDirectory.prepare(dir);

            assertFalse(Files.exists(library));
            assertFalse(Files.exists(lock));
            assertTrue(Files.exists(other));
        }
    }

    @Test
    void aDirectoryTheUserChoseIsLeftAlone() throws Exception {
        System.setProperty(NativeLibraryDirectory.SQLITE_TMPDIR, tmp.toString());
        try (DataDirectory dir = DataDirectory.open(tmp.resolve("data"))) {
            NativeLibraryDirectory.prepare(dir);

            assertEquals(tmp.toString(), System.getProperty(NativeLibraryDirectory.SQLITE_TMPDIR));
            assertFalse(Files.exists(dir.resolve(NativeLibraryDirectory.NAME)));
        }
    }
}
