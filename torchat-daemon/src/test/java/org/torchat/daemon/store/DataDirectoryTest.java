package org.torchat.daemon.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchat.daemon.StartupException;

class DataDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void createsMissingDirectoriesWithMode0700() throws Exception {
        Path root = tmp.resolve("a/b/data");

        try (DataDirectory dir = DataDirectory.open(root)) {
            assertEquals(root, dir.root());
            assertEquals(root.resolve("x"), dir.resolve("x"));
        }

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root)));
    }

    @Test
    void aSecondOpenWhileTheFirstIsOpenFailsSayingInUse() throws Exception {
        Path root = tmp.resolve("data");
        try (DataDirectory first = DataDirectory.open(root)) {
            StartupException e = assertThrows(StartupException.class, () -> DataDirectory.open(root));

            assertTrue(e.getMessage().contains("in use"), e.getMessage());
            assertTrue(e.getMessage().contains(root.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("--data-dir"), e.getMessage());
        }
    }

    @Test
    void theInUseMessageNamesThePidFromThePidFile() throws Exception {
        Path root = tmp.resolve("data");
        try (DataDirectory first = DataDirectory.open(root)) {
            Files.writeString(root.resolve("torchatd.pid"), "4242\n");

            StartupException e = assertThrows(StartupException.class, () -> DataDirectory.open(root));

            assertTrue(e.getMessage().contains("(pid 4242)"), e.getMessage());
        }
    }

    @Test
    void aFailedSecondOpenLeavesTheFirstLockInPlace() throws Exception {
        Path root = tmp.resolve("data");
        try (DataDirectory first = DataDirectory.open(root)) {
            assertThrows(StartupException.class, () -> DataDirectory.open(root));
            assertThrows(StartupException.class, () -> DataDirectory.open(root));
        }
    }

    @Test
    void afterCloseItCanBeOpenedAgain() throws Exception {
        Path root = tmp.resolve("data");
        DataDirectory first = DataDirectory.open(root);
        assertThrows(StartupException.class, () -> DataDirectory.open(root));
        first.close();

        try (DataDirectory second = DataDirectory.open(root)) {
            assertEquals(root, second.root());
        }
    }

    @Test
    void aPathThatIsAFileIsAStartupException() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");

        StartupException e = assertThrows(StartupException.class, () -> DataDirectory.open(file));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void privateFilesAreCreatedWithMode0600() throws Exception {
        try (DataDirectory dir = DataDirectory.open(tmp.resolve("data"))) {
            Path created = dir.createPrivateFile("secret");
            dir.writeAtomically("cookie", "abc\n");

            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(created)));
            Path cookie = dir.resolve("cookie");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cookie)));
            assertEquals("abc\n", Files.readString(cookie));
            assertFalse(Files.exists(dir.resolve("cookie.tmp")));
        }
    }

    @Test
    void writeAtomicallyReplacesAnExistingFile() throws Exception {
        try (DataDirectory dir = DataDirectory.open(tmp.resolve("data"))) {
            dir.writeAtomically("hostname", "old\n");
            dir.writeAtomically("hostname", "new\n");

            assertEquals("new\n", Files.readString(dir.resolve("hostname")));
        }
    }
}
