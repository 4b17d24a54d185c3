package org.torchat.daemon.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchat.daemon.StartupException;
import org.torchat.daemon.store.DataDirectory;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;

class IdentityStoreTest {
    private static final String HEADER = "torchat-ed25519-seed-v1";

    @TempDir
    Path tmp;

    private Path dataDir() {
        return tmp.resolve("data");
    }

    private Ed25519Identity loadOnce() throws Exception {
        try (DataDirectory dir = DataDirectory.open(dataDir())) {
            return IdentityStore.loadOrCreate(dir);
        }
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void firstStartCreatesAPrivateKeyFileInAPrivateDirectory() throws Exception {
        Ed25519Identity identity = loadOnce();

        Path key = dataDir().resolve("identity.key");
        assertTrue(Files.isRegularFile(key));
        assertEquals("rw-------", mode(key));
        assertEquals("rwx------", mode(dataDir()));
        assertEquals(
                HEADER + "\n" + Base64.getEncoder().encodeToString(identity.seed()) + "\n",
                Files.readString(key, StandardCharsets.US_ASCII));
        assertFalse(Files.exists(dataDir().resolve("identity.key.tmp")), "the temporary file is moved into place");
    }

    @Test
    void anExistingDirectoryIsTightenedTo0700() throws Exception {
        Files.createDirectories(dataDir());
        Files.setPosixFilePermissions(dataDir(), PosixFilePermissions.fromString("rwxr-xr-x"));

        loadOnce();

        assertEquals("rwx------", mode(dataDir()));
    }

    @Test
    void theAddressSurvivesARestart() throws Exception {
        Ed25519Identity first = loadOnce();
        Ed25519Identity second = loadOnce();

        assertEquals(first.onionAddress(), second.onionAddress());
        assertArrayEquals(first.seed(), second.seed());
    }

    @Test
    void twoDataDirectoriesGetTwoIdentities() throws Exception {
        OnionAddress a;
        OnionAddress b;
        try (DataDirectory dir = DataDirectory.open(tmp.resolve("a"))) {
            a = IdentityStore.loadOrCreate(dir).onionAddress();
        }
        try (DataDirectory dir = DataDirectory.open(tmp.resolve("b"))) {
            b = IdentityStore.loadOrCreate(dir).onionAddress();
        }

        assertNotEquals(a, b);
    }

    @Test
    void aKeyWrittenByHandIsUsed() throws Exception {
        Ed25519Identity known = Ed25519Identity.generate();
        Files.createDirectories(dataDir());
        Path key = dataDir().resolve("identity.key");
        Files.writeString(key, HEADER + "\n" + Base64.getEncoder().encodeToString(known.seed()) + "\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));

        assertEquals(known.onionAddress(), loadOnce().onionAddress());
    }

    @Test
    void aKeyFileReadableByOthersIsTightenedTo0600() throws Exception {
        OnionAddress address = loadOnce().onionAddress();
        Path key = dataDir().resolve("identity.key");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        assertEquals(address, loadOnce().onionAddress());

        assertEquals("rw-------", mode(key));
    }

    @Test
    void aWrongHeaderIsRefused() throws Exception {
        writeKey("some-other-format\n" + Base64.getEncoder().encodeToString(new byte[32]) + "\n");

        StartupException e = assertThrows(StartupException.class, this::loadOnce);

        assertTrue(e.getMessage().contains(dataDir().resolve("identity.key").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("is not a TORchat key"), e.getMessage());
        assertTrue(e.getMessage().contains(HEADER), e.getMessage());
    }

    @Test
    void anEmptyFileIsRefused() throws Exception {
        writeKey("");

        StartupException e = assertThrows(StartupException.class, this::loadOnce);

        assertTrue(e.getMessage().contains("is not a TORchat key"), e.getMessage());
    }

    @Test
    void badBase64IsRefused() throws Exception {
        writeKey(HEADER + "\nthis is not base64!!\n");

        StartupException e = assertThrows(StartupException.class, this::loadOnce);

        assertTrue(e.getMessage().contains(dataDir().resolve("identity.key").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("is damaged"), e.getMessage());
    }

    @Test
    void aSeedOfTheWrongLengthIsRefused() throws Exception {
        writeKey(HEADER + "\n" + Base64.getEncoder().encodeToString(new byte[31]) + "\n");

        StartupException e = assertThrows(StartupException.class, this::loadOnce);

        assertTrue(e.getMessage().contains("is damaged: the seed has 31 bytes, not 32"), e.getMessage());
    }

    @Test
    void aDamagedKeyIsNeverReplacedByANewOne() throws Exception {
        String damaged = HEADER + "\n" + Base64.getEncoder().encodeToString(new byte[5]) + "\n";
        writeKey(damaged);

        assertThrows(StartupException.class, this::loadOnce);
        assertThrows(StartupException.class, this::loadOnce);

        assertEquals(damaged, Files.readString(dataDir().resolve("identity.key")));
    }

    private void writeKey(String text) throws Exception {
        Files.createDirectories(dataDir());
        Path key = dataDir().resolve("identity.key");
        Files.writeString(key, text, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    }
}
