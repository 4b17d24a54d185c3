package org.torchat.protocol.seal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.torchat.protocol.backup.KdfParameters;
import org.torchat.protocol.crypto.X25519;

/**
 * The seal key file (docs/SEALING.md): the public half in the clear, the private half encrypted under the user's
 * passphrase with the backups' key derivation (Argon2id, {@link KdfParameters}) and AES-256-GCM. Everything before
 * the ciphertext is authenticated with it, so the public key cannot be swapped for another unnoticed.
 * <pre>"TORCHAT-SEALKEY" | version 1 | memory KiB | passes | lanes | salt (16) | public key (32) | nonce (12)
 * | AES-GCM(private key (32)) | tag (16)</pre>
 */
public final class SealKeyFile {
    public static final String FILE_NAME = "seal.key";
    private static final byte[] MAGIC = "TORCHAT-SEALKEY".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int SALT_BYTES = 16;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BYTES = 16;

    private final KdfParameters kdf;
    private final byte[] salt;
    private final byte[] publicRaw;
    private final byte[] nonce;
    private final byte[] encryptedPrivate;
    private final PublicKey publicKey;

    private SealKeyFile(KdfParameters kdf, byte[] salt, byte[] publicRaw, byte[] nonce, byte[] encryptedPrivate)
            throws SealException {
        this.kdf = kdf;
        this.salt = salt;
        this.publicRaw = publicRaw;
        this.nonce = nonce;
        this.encryptedPrivate = encryptedPrivate;
        try {
            this.publicKey = X25519.publicKey(publicRaw);
        } catch (InvalidKeyException e) {
            throw new SealException(e.getMessage());
        }
    }

    /** A new key pair, its private half encrypted under {@code passphrase}. */
    public static SealKeyFile create(char[] passphrase, KdfParameters kdf) {
        KeyPair keys = X25519.generate();
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[SALT_BYTES];
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(salt);
        random.nextBytes(nonce);
        byte[] publicRaw = X25519.rawPublic(keys.getPublic());
        byte[] header = header(kdf, salt, publicRaw, nonce);
        byte[] scalar = X25519.rawPrivate(keys.getPrivate());
        try {
            byte[] encrypted = cipher(Cipher.ENCRYPT_MODE, kdf.derive(passphrase, salt, 32), nonce, header)
                    .doFinal(scalar);
            return new SealKeyFile(kdf, salt, publicRaw, nonce, encrypted);
        } catch (GeneralSecurityException | SealException e) {
            throw new IllegalStateException("sealing a new key failed: " + e.getMessage(), e);
        } finally {
            Arrays.fill(scalar, (byte) 0);
        }
    }

    public byte[] encode() {
        byte[] header = header(kdf, salt, publicRaw, nonce);
        byte[] all = Arrays.copyOf(header, header.length + encryptedPrivate.length);
        System.arraycopy(encryptedPrivate, 0, all, header.length, encryptedPrivate.length);
        return all;
    }

    public static SealKeyFile decode(byte[] bytes) throws SealException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (!Arrays.equals(in.readNBytes(MAGIC.length), MAGIC) || in.readUnsignedByte() != VERSION) {
                throw new SealException("not a TORchat seal key file (or one of a newer version)");
            }
            KdfParameters kdf = new KdfParameters(in.readInt(), in.readInt(), in.readInt());
            if (!kdf.acceptable()) {
                throw new SealException("the seal key file is damaged (key derivation " + kdf + ")");
            }
            byte[] salt = exactly(in, SALT_BYTES);
            byte[] publicRaw = exactly(in, X25519.KEY_BYTES);
            byte[] nonce = exactly(in, NONCE_BYTES);
            byte[] encrypted = in.readAllBytes();
            if (encrypted.length != X25519.KEY_BYTES + TAG_BYTES) {
                throw new SealException("the seal key file is damaged (" + bytes.length + " bytes)");
            }
            return new SealKeyFile(kdf, salt, publicRaw, nonce, encrypted);
        } catch (IOException e) {
            throw new SealException("the seal key file is truncated (" + bytes.length + " bytes)");
        }
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public byte[] publicRaw() {
        return publicRaw.clone();
    }

    /** The private half; a wrong passphrase is a {@link WrongPassphraseException}. Costs one Argon2id derivation. */
    public PrivateKey open(char[] passphrase) throws SealException {
        byte[] header = header(kdf, salt, publicRaw, nonce);
        byte[] scalar;
        try {
            scalar = cipher(Cipher.DECRYPT_MODE, kdf.derive(passphrase, salt, 32), nonce, header)
                    .doFinal(encryptedPrivate);
        } catch (AEADBadTagException e) {
            throw new WrongPassphraseException();
        } catch (GeneralSecurityException e) {
            throw new SealException("the seal key cannot be decrypted: " + e.getMessage());
        }
        try {
            PrivateKey key = privateKey(scalar);
            byte[] probe = new byte[] {42};
            if (!MessageDigest.isEqual(
                    probe, SealedBox.open(SealedBox.seal(probe, publicKey, publicRaw), key, publicRaw))) {
                throw new SealException("the seal key file's two halves do not match");
            }
            return key;
        } finally {
            Arrays.fill(scalar, (byte) 0);
        }
    }

    /** The passphrase does not open the key file (the file authenticates itself, so it is not damage). */
    public static final class WrongPassphraseException extends SealException {
        WrongPassphraseException() {
            super("wrong passphrase");
        }
    }

    private static byte[] exactly(DataInputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new EOFException();
        }
        return b;
    }

    private static byte[] header(KdfParameters kdf, byte[] salt, byte[] publicRaw, byte[] nonce) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeByte(VERSION);
            out.writeInt(kdf.memoryKiB());
            out.writeInt(kdf.iterations());
            out.writeInt(kdf.parallelism());
            out.write(salt);
            out.write(publicRaw);
            out.write(nonce);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory", e);
        }
        return bytes.toByteArray();
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce, byte[] header) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce));
        c.updateAAD(header);
        return c;
    }

    private static PrivateKey privateKey(byte[] scalar) throws SealException {
        try {
            return X25519.privateKey(scalar);
        } catch (InvalidKeyException e) {
            throw new SealException(e.getMessage());
        }
    }
}
