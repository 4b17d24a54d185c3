package org.torchat.daemon.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlCookieTest {
    @TempDir
    Path tmp;

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void theFirstStartCreatesA0600CookieOf32RandomBytesInHex() throws Exception {
        Path root = tmp.resolve("data");
        String token;
        try (DataDirectory dir = DataDirectory.open(root)) {
            token = ControlCookie.loadOrCreate(dir);
        }
        Path cookie = root.resolve("control.cookie");
        assertEquals("rw-------", mode(cookie));
        assertTrue(token.matches("[0-9a-f]{64}"), "64 hex characters");
        assertEquals(token + "\n", Files.readString(cookie));
        assertEquals(
                java.util.List.of("control.cookie", "torchatd.lock"),
                Files.list(root).map(p -> p.getFileName().toString()).sorted().toList(),
                "no temporary file left");
    }

    @Test
    void laterStartsReuseTheSameTokenAndTightenTheMode() throws Exception {
        Path root = tmp.resolve("data");
        String first;
        try (DataDirectory dir = DataDirectory.open(root)) {
            first = ControlCookie.loadOrCreate(dir);
        }
        Files.setPosixFilePermissions(root.resolve("control.cookie"), PosixFilePermissions.fromString("rw-r--r--"));
        try (DataDirectory dir = DataDirectory.open(root)) {
            assertEquals(first, ControlCookie.loadOrCreate(dir));
        }
        assertEquals("rw-------", mode(root.resolve("control.cookie")));
    }

    @Test
    void twoDataDirectoriesGetDifferentTokens() throws Exception {
        try (DataDirectory a = DataDirectory.open(tmp.resolve("a"));
                DataDirectory b = DataDirectory.open(tmp.resolve("b"))) {
            assertNotEquals(ControlCookie.loadOrCreate(a), ControlCookie.loadOrCreate(b));
        }
    }

    @Test
    void aDamagedCookieIsReplacedByAFreshToken() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(root.resolve("control.cookie"), "not a token\n");
        try (DataDirectory dir = DataDirectory.open(root)) {
            String token = ControlCookie.loadOrCreate(dir);
            assertTrue(token.matches("[0-9a-f]{64}"), token.length() + " characters");
            assertEquals(token + "\n", Files.readString(root.resolve("control.cookie")));
        }
        assertEquals("rw-------", mode(root.resolve("control.cookie")));
    }
}
