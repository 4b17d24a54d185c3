package org.torchat.daemon.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.torchat.daemon.StartupException;
import org.torchat.daemon.store.DataDirectory;
import org.torchat.protocol.identity.Ed25519Identity;

/**
 * Keeps our Ed25519 identity in {@code identity.key} (mode 0600): a header line naming the format and the
 * base64 seed. Created on first start, never changed afterwards: the onion address depends on it.
 */
public final class IdentityStore {
    public static final String FILE_NAME = "identity.key";
    private static final String HEADER = "torchat-ed25519-seed-v1";

    private IdentityStore() {}

    public static Ed25519Identity loadOrCreate(DataDirectory dataDir) throws StartupException {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                dataDir.ensurePrivateFile(file);
                return read(file);
            }
            Ed25519Identity identity = Ed25519Identity.generate();
            write(dataDir, identity);
            return identity;
        } catch (IOException e) {
            throw new StartupException("cannot use identity key " + file + ": " + e.getMessage(), e);
        }
    }

    private static Ed25519Identity read(Path file) throws IOException, StartupException {
        String[] lines =
                Files.readString(file, StandardCharsets.US_ASCII).strip().split("\n");
        if (lines.length != 2 || !lines[0].strip().equals(HEADER)) {
            throw new StartupException(
                    "identity key " + file + " is not a TORchat key (first line must be " + HEADER + ")");
        }
        byte[] seed;
        try {
            seed = Base64.getDecoder().decode(lines[1].strip());
        } catch (IllegalArgumentException e) {
            throw new StartupException("identity key " + file + " is damaged: " + e.getMessage());
        }
        if (seed.length != Ed25519Identity.SEED_LENGTH) {
            throw new StartupException(
                    "identity key " + file + " is damaged: the seed has " + seed.length + " bytes, not 32");
        }
        return Ed25519Identity.fromSeed(seed);
    }

    private static void write(DataDirectory dataDir, Ed25519Identity identity) throws IOException {
        dataDir.writeAtomically(FILE_NAME, HEADER + "\n" + Base64.getEncoder().encodeToString(identity.seed()) + "\n");
    }
}
