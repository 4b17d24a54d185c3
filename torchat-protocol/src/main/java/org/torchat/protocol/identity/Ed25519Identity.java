package org.torchat.protocol.identity;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import org.torchat.protocol.onion.OnionAddress;

/**
 * Our identity: an Ed25519 key pair (JDK provider) whose public key is our v3 onion address.
 * The 32-byte seed is the whole secret; everything else is derived from it.
 */
public final class Ed25519Identity {
    public static final int SEED_LENGTH = 32;
    /** DER prefix of an X.509 SubjectPublicKeyInfo holding a raw 32-byte Ed25519 key (RFC 8410). */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private final KeyPair keyPair;
    private final byte[] seed;
    private final byte[] publicKey;

    private Ed25519Identity(KeyPair keyPair) {
        this.keyPair = keyPair;
        this.seed = ((EdECPrivateKey) keyPair.getPrivate())
                .getBytes()
                .orElseThrow(() -> new IllegalStateException("the JDK's Ed25519 key exposes its seed"));
        byte[] encoded = keyPair.getPublic().getEncoded();
        this.publicKey = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }

    public static Ed25519Identity generate() {
        return new Ed25519Identity(newGenerator(new SecureRandom()).generateKeyPair());
    }

    /** Rebuilds the identity from its seed; the generator draws exactly the seed's 32 bytes. */
    public static Ed25519Identity fromSeed(byte[] seed) {
        if (seed.length != SEED_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 seed has 32 bytes, not " + seed.length);
        }
        return new Ed25519Identity(newGenerator(new FixedBytesRandom(seed)).generateKeyPair());
    }

    public byte[] seed() {
        return seed.clone();
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public OnionAddress onionAddress() {
        return OnionAddress.fromPublicKey(publicKey);
    }

    /**
     * The 64-byte expanded secret key tor's {@code ADD_ONION ED25519-V3:} takes: SHA-512(seed) with the first
     * half clamped as Ed25519 requires, the second half unchanged.
     */
    public byte[] expandedSecretKey() {
        try {
            byte[] h = MessageDigest.getInstance("SHA-512").digest(seed);
            h[0] &= (byte) 248;
            h[31] &= 127;
            h[31] |= 64;
            return h;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-512 is part of every Java runtime", e);
        }
    }

    public byte[] sign(byte[] data) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(keyPair.getPrivate());
            signer.update(data);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing is part of every Java 17 runtime", e);
        }
    }

    /** Whether {@code signature} is a valid signature of {@code data} by the raw 32-byte {@code publicKey}. */
    public static boolean verify(byte[] publicKey, byte[] data, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(toPublicKey(publicKey));
            verifier.update(data);
            return verifier.verify(signature);
        } catch (InvalidKeyException | SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 verification is part of every Java 17 runtime", e);
        }
    }

    private static PublicKey toPublicKey(byte[] raw) throws GeneralSecurityException {
        if (raw.length != 32) {
            throw new InvalidKeyException("an Ed25519 public key has 32 bytes");
        }
        byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + 32);
        System.arraycopy(raw, 0, encoded, X509_PREFIX.length, 32);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
    }

    private static KeyPairGenerator newGenerator(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, random);
            return generator;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    /** A "random" source that hands out one fixed seed: how the JDK is asked to derive a key pair from it. */
    private static final class FixedBytesRandom extends SecureRandom {
        private final byte[] bytes;

        FixedBytesRandom(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            if (out.length != bytes.length) {
                throw new IllegalStateException("expected a request for " + bytes.length + " bytes, got " + out.length);
            }
            System.arraycopy(bytes, 0, out, 0, out.length);
        }
    }
}
