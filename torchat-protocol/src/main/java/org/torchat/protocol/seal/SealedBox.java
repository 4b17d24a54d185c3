package org.torchat.protocol.seal;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.torchat.protocol.crypto.Hkdf;
import org.torchat.protocol.crypto.X25519;

/**
 * A sealed box (docs/SEALING.md): anyone with the public key seals a value, only the private key opens it. Each value
 * gets a fresh X25519 key pair (JDK {@code KeyAgreement} "XDH"); the shared secret with the recipient's key goes
 * through HKDF-SHA256 (RFC 5869, on the JDK's {@code Mac} "HmacSHA256") to a one-time AES-256 key, and the value is
 * encrypted with AES-256-GCM ({@code Cipher} "AES/GCM/NoPadding"). Since every key is used once, the nonce is fixed.
 * <pre>version (1) | ephemeral public key (32) | ciphertext | tag (16)</pre>
 * The ciphertext is as long as the value: {@link #OVERHEAD} bytes are added, no more.
 */
public final class SealedBox {
    public static final int VERSION = 1;
    private static final int TAG_BYTES = 16;
    public static final int OVERHEAD = 1 + X25519.KEY_BYTES + TAG_BYTES;
    private static final byte[] INFO = "TORCHAT-SEALED-BOX-1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] NONCE = new byte[12];

    private SealedBox() {}

    /** {@code plain} sealed to {@code recipient}, whose raw form is {@code recipientRaw}. */
    public static byte[] seal(byte[] plain, PublicKey recipient, byte[] recipientRaw) {
        KeyPair ephemeral = X25519.generate();
        byte[] ephemeralRaw = X25519.rawPublic(ephemeral.getPublic());
        try {
            byte[] key = key(ephemeral.getPrivate(), recipient, ephemeralRaw, recipientRaw);
            byte[] header = header(ephemeralRaw);
            byte[] sealed =
                    cipher(Cipher.ENCRYPT_MODE, key, header, recipientRaw).doFinal(plain);
            return ByteBuffer.allocate(header.length + sealed.length)
                    .put(header)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519/AES-GCM failed: " + e.getMessage(), e);
        }
    }

    /** Opens what {@link #seal} made for the key pair ({@code key}, {@code publicRaw}). */
    public static byte[] open(byte[] sealed, PrivateKey key, byte[] publicRaw) throws SealException {
        if (sealed.length < OVERHEAD || sealed[0] != VERSION) {
            throw new SealException("not a sealed value (" + sealed.length + " bytes, version "
                    + (sealed.length == 0 ? "none" : sealed[0]) + ")");
        }
        byte[] ephemeralRaw = Arrays.copyOfRange(sealed, 1, 1 + X25519.KEY_BYTES);
        try {
            byte[] aesKey = key(key, X25519.publicKey(ephemeralRaw), ephemeralRaw, publicRaw);
            return cipher(Cipher.DECRYPT_MODE, aesKey, header(ephemeralRaw), publicRaw)
                    .doFinal(sealed, 1 + X25519.KEY_BYTES, sealed.length - 1 - X25519.KEY_BYTES);
        } catch (AEADBadTagException e) {
            throw new SealException("the sealed value does not open with this key (another key, or damaged)");
        } catch (GeneralSecurityException e) {
            throw new SealException("the sealed value cannot be opened: " + e.getMessage());
        }
    }

    private static byte[] header(byte[] ephemeralRaw) {
        return ByteBuffer.allocate(1 + X25519.KEY_BYTES)
                .put((byte) VERSION)
                .put(ephemeralRaw)
                .array();
    }

    /** HKDF-SHA256 over the X25519 secret, bound to both public keys. */
    private static byte[] key(PrivateKey own, PublicKey other, byte[] ephemeralRaw, byte[] recipientRaw)
            throws GeneralSecurityException {
        byte[] shared = X25519.agree(own, other);
        byte[] salt = ByteBuffer.allocate(2 * X25519.KEY_BYTES)
                .put(ephemeralRaw)
                .put(recipientRaw)
                .array();
        return Hkdf.derive(salt, shared, INFO, 32); // the 32 bytes of an AES-256 key
    }

    private static Cipher cipher(int mode, byte[] key, byte[] header, byte[] recipientRaw)
            throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, NONCE));
        c.updateAAD(header);
        c.updateAAD(recipientRaw);
        return c;
    }
}
