package org.torchat.protocol.session;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import javax.crypto.KeyAgreement;

/**
 * A session's ephemeral X25519 key pair (the JDK's XDH): it gives both ends a secret nobody else learns, and is
 * forgotten with the session, so a stolen onion key later does not open recorded sessions.
 */
final class EphemeralKey {
    static final int LENGTH = 32;
    /** DER prefix of an X.509 SubjectPublicKeyInfo holding a raw 32-byte X25519 key. */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x03, 0x21, 0x00};

    private final KeyPair pair;
    private final byte[] publicKey;

    private EphemeralKey(KeyPair pair) {
        this.pair = pair;
        byte[] encoded = pair.getPublic().getEncoded();
        this.publicKey = Arrays.copyOfRange(encoded, encoded.length - LENGTH, encoded.length);
    }

    static EphemeralKey generate() {
        try {
            return new EphemeralKey(KeyPairGenerator.getInstance("X25519").generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK 11+ has X25519", e);
        }
    }

    byte[] publicKey() {
        return publicKey.clone();
    }

    /**
     * The shared secret with {@code otherPublic}; refused when it is all zeros, which a peer forces by sending a
     * point of small order (then the "secret" is known to anyone).
     */
    byte[] agree(byte[] otherPublic) throws SessionException {
        if (otherPublic.length != LENGTH) {
            throw new SessionException("an X25519 public key has " + LENGTH + " bytes, this has " + otherPublic.length);
        }
        byte[] shared;
        try {
            byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + LENGTH);
            System.arraycopy(otherPublic, 0, encoded, X509_PREFIX.length, LENGTH);
            PublicKey other = KeyFactory.getInstance("X25519").generatePublic(new X509EncodedKeySpec(encoded));
            KeyAgreement agreement = KeyAgreement.getInstance("X25519");
            agreement.init(pair.getPrivate());
            agreement.doPhase(other, true);
            shared = agreement.generateSecret();
        } catch (GeneralSecurityException e) {
            throw new SessionException("the ephemeral key is not usable: " + e.getMessage());
        }
        int bits = 0;
        for (byte b : shared) {
            bits |= b;
        }
        if (bits == 0) {
            throw new SessionException("the ephemeral key is a point of small order");
        }
        return shared;
    }
}
