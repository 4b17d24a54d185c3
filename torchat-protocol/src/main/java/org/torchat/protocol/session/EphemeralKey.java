package org.torchat.protocol.session;

import java.security.InvalidKeyException;
import java.security.KeyPair;
import org.torchat.protocol.crypto.X25519;

/**
 * A session's ephemeral X25519 key pair: it gives both ends a secret nobody else learns, and is forgotten with the
 * session, so a stolen onion key later does not open recorded sessions.
 */
final class EphemeralKey {
    static final int LENGTH = X25519.KEY_BYTES;

    private final KeyPair pair = X25519.generate();
    private final byte[] publicKey = X25519.rawPublic(pair.getPublic());

    byte[] publicKey() {
        return publicKey.clone();
    }

    /** The shared secret with {@code otherPublic}; refused for a key that is not one, or of small order. */
    byte[] agree(byte[] otherPublic) throws SessionException {
        try {
            return X25519.agree(pair.getPrivate(), X25519.publicKey(otherPublic));
        } catch (InvalidKeyException e) {
            throw new SessionException("the ephemeral key is not usable: " + e.getMessage());
        }
    }
}
