package org.torchat.protocol.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import javax.crypto.KeyAgreement;

/**
 * X25519 keys from the JDK ({@code KeyPairGenerator}/{@code KeyFactory} "XDH", RFC 7748) and their raw 32-byte
 * little-endian form: what the seal key file and sealed values hold, and what a session handshake sends.
 */
public final class X25519 {
    public static final int KEY_BYTES = 32;

    private X25519() {}

    /** A new key pair: its public half seals, its private half opens. */
    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("X25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK 11+ has X25519", e);
        }
    }

    public static byte[] rawPublic(PublicKey key) {
        BigInteger u = ((XECPublicKey) key).getU();
        byte[] bigEndian = u.toByteArray();
        byte[] raw = new byte[KEY_BYTES];
        for (int i = 0; i < KEY_BYTES && i < bigEndian.length; i++) {
            raw[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return raw;
    }

    public static PublicKey publicKey(byte[] raw) throws InvalidKeyException {
        if (raw.length != KEY_BYTES) {
            throw new InvalidKeyException("a public key has " + KEY_BYTES + " bytes, not " + raw.length);
        }
        byte[] bigEndian = new byte[KEY_BYTES];
        for (int i = 0; i < KEY_BYTES; i++) {
            bigEndian[i] = raw[KEY_BYTES - 1 - i];
        }
        bigEndian[0] &= 0x7f; // RFC 7748: the top bit of a u-coordinate is ignored
        try {
            return KeyFactory.getInstance("XDH")
                    .generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, bigEndian)));
        } catch (InvalidKeySpecException | NoSuchAlgorithmException e) {
            throw new InvalidKeyException("not an X25519 public key: " + e.getMessage());
        }
    }

    public static byte[] rawPrivate(PrivateKey key) {
        return ((XECPrivateKey) key).getScalar().orElseThrow(() -> new IllegalStateException("no scalar"));
    }

    public static PrivateKey privateKey(byte[] raw) throws InvalidKeyException {
        if (raw.length != KEY_BYTES) {
            throw new InvalidKeyException("a private key has " + KEY_BYTES + " bytes, not " + raw.length);
        }
        try {
            return KeyFactory.getInstance("XDH")
                    .generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, Arrays.copyOf(raw, KEY_BYTES)));
        } catch (InvalidKeySpecException | NoSuchAlgorithmException e) {
            throw new InvalidKeyException("not an X25519 private key: " + e.getMessage());
        }
    }

    /**
     * The shared secret of {@code own} and {@code other}; refused when it is all zeros, which the other side forces by
     * sending a point of small order (the "secret" is then known to anyone).
     */
    public static byte[] agree(PrivateKey own, PublicKey other) throws InvalidKeyException {
        byte[] shared;
        try {
            KeyAgreement agreement = KeyAgreement.getInstance("XDH");
            agreement.init(own);
            agreement.doPhase(other, true);
            shared = agreement.generateSecret();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK 11+ has X25519", e);
        }
        if (MessageDigest.isEqual(shared, new byte[shared.length])) {
            throw new InvalidKeyException("a public key of small order");
        }
        return shared;
    }
}
