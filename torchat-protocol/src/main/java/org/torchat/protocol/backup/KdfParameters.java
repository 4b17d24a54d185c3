package org.torchat.protocol.backup;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106) through BouncyCastle's {@link Argon2BytesGenerator}: memory-hard, so guessing a backup's
 * passphrase costs an attacker memory as well as time. The parameters travel in the file's header, so that they
 * can be raised later without making old backups unreadable; a header asking for absurd amounts is refused before any
 * work is done (a crafted file must not make the restore allocate gigabytes).
 */
public record KdfParameters(int memoryKiB, int iterations, int parallelism) {
    /**
     * 32 MiB, 3 passes, 1 lane: above OWASP's Argon2id minimum (19 MiB, 2 passes) and small enough for the client's
     * 64 MB heap (bin/torchat), which holds the Argon2 memory while it encrypts. About 0.2 s here.
     */
    public static final KdfParameters DEFAULT = new KdfParameters(32 * 1024, 3, 1);

    static final int MAX_MEMORY_KIB = 1024 * 1024;
    static final int MAX_ITERATIONS = 64;
    static final int MAX_PARALLELISM = 16;

    /** Whether a header's parameters are within what any TORchat writes (or could sensibly write). */
    public boolean acceptable() {
        return memoryKiB >= 8 * parallelism
                && memoryKiB <= MAX_MEMORY_KIB
                && iterations >= 1
                && iterations <= MAX_ITERATIONS
                && parallelism >= 1
                && parallelism <= MAX_PARALLELISM;
    }

    public byte[] derive(char[] passphrase, byte[] salt, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKiB)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        generator.generateBytes(passphrase, out);
        return out;
    }
}
