package org.torchat.daemon.store;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Optional;
import org.torchat.protocol.seal.SealException;
import org.torchat.protocol.seal.SealKeyFile;
import org.torchat.protocol.seal.SealedBox;

/**
 * History sealed at rest (sealhistory, docs/SEALING.md): texts are sealed to the key file's public half as they are
 * stored, so storing never needs the passphrase; reading needs the private half, which exists only in memory
 * between UNLOCK and LOCK (or the daemon's end). Without a key file sealing is off and texts are stored as they are.
 */
public final class HistorySeal {
    /** What a sealed file name reads as while locked: a transfer listing stays usable. */
    public static final String SEALED_NAME = "[sealed]";

    private final SealKeyFile keyFile;
    private volatile PrivateKey privateKey;

    private HistorySeal(SealKeyFile keyFile) {
        this.keyFile = keyFile;
    }

    public static HistorySeal off() {
        return new HistorySeal(null);
    }

    /** Sealing to {@code keyFile}'s public half; locked until {@link #unlock}. */
    public static HistorySeal sealingTo(SealKeyFile keyFile) {
        return new HistorySeal(keyFile);
    }

    public boolean on() {
        return keyFile != null;
    }

    public boolean locked() {
        return on() && privateKey == null;
    }

    /** For STATUS: "clear" (not sealed), "locked" or "unlocked". */
    public String state() {
        return !on() ? "clear" : locked() ? "locked" : "unlocked";
    }

    /**
     * Opens the private half with {@code passphrase}. One attempt at a time: each costs an Argon2id derivation
     * (32 MiB), and parallel guesses must not multiply that.
     */
    public synchronized void unlock(char[] passphrase) throws SealException {
        privateKey = keyFile.open(passphrase);
    }

    public void lock() {
        privateKey = null;
    }

    /** {@code text} sealed to the public half (works while locked). */
    public byte[] seal(String text) {
        return SealedBox.seal(text.getBytes(StandardCharsets.UTF_8), keyFile.publicKey(), keyFile.publicRaw());
    }

    /** The text of a sealed value; {@link HistoryLockedException} while locked. */
    public String open(byte[] sealed) {
        PrivateKey key = privateKey;
        if (key == null) {
            throw new HistoryLockedException();
        }
        try {
            return new String(SealedBox.open(sealed, key, keyFile.publicRaw()), StandardCharsets.UTF_8);
        } catch (SealException e) {
            throw new StoreException("a sealed value in the store does not open: " + e.getMessage(), e);
        }
    }

    /** A stored text: {@code plain} when not sealed, else opened. */
    String text(String plain, byte[] sealed) {
        return sealed == null ? plain : open(sealed);
    }

    /** As {@link #text}, but a sealed file name reads as {@link #SEALED_NAME} while locked. */
    String name(String plain, byte[] sealed) {
        return sealed != null && locked() ? SEALED_NAME : text(plain, sealed);
    }

    /** The sealed form of {@code text}, or empty when sealing is off. */
    Optional<byte[]> sealIfOn(String text) {
        return on() ? Optional.of(seal(text)) : Optional.empty();
    }
}
