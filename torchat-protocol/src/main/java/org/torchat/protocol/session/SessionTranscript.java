package org.torchat.protocol.session;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.torchat.protocol.onion.OnionAddress;
import org.torchat.protocol.signature.CanonicalEncoding;

/**
 * What both ends of a session agree on, and sign (docs/PROTOCOL.md, "Sessions"). All integers big-endian, strings as
 * a 4-byte length and UTF-8, keys and nonces as their 32 raw bytes:
 * <pre>
 *   string  "torchat-session-v2"
 *   string  initiator address      the daemon that opened the stream
 *   string  responder address      the onion service it connected to
 *   32      initiator nonce
 *   32      responder nonce
 *   32      initiator ephemeral X25519 public key
 *   32      responder ephemeral X25519 public key
 * </pre>
 * Each side's proof is its Ed25519 signature over {@code string "torchat-session-proof"}, {@code string role}
 * ("initiator" or "responder") and these bytes: it names both ends and both fresh nonces, so it is good for this one
 * session between these two addresses only.
 */
record SessionTranscript(
        OnionAddress initiator,
        OnionAddress responder,
        byte[] initiatorNonce,
        byte[] responderNonce,
        byte[] initiatorEphemeral,
        byte[] responderEphemeral) {
    static final String LABEL = "torchat-session-v2";
    static final String PROOF_LABEL = "torchat-session-proof";

    byte[] bytes() {
        return new CanonicalEncoding(320)
                .putString(LABEL, "label")
                .putString(initiator.hostname(), "initiator")
                .putString(responder.hostname(), "responder")
                .putFixed(initiatorNonce)
                .putFixed(responderNonce)
                .putFixed(initiatorEphemeral)
                .putFixed(responderEphemeral)
                .bytes();
    }

    /** What the side in {@code role} signs. */
    byte[] proofInput(Role role) {
        return new CanonicalEncoding(400)
                .putString(PROOF_LABEL, "label")
                .putString(role.wire(), "role")
                .putFixed(bytes())
                .bytes();
    }

    byte[] hash() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The session's name in logs and CONTACTS: the first 16 bytes of the transcript's hash, in hex. */
    String sessionId() {
        return HexFormat.of().formatHex(hash(), 0, 16);
    }

    enum Role {
        INITIATOR,
        RESPONDER;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
