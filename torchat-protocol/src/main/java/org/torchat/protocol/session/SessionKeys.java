package org.torchat.protocol.session;

import java.nio.charset.StandardCharsets;
import org.torchat.protocol.crypto.Hkdf;

/**
 * The two MAC keys of a session, one per direction, from HKDF-SHA256 over the X25519 secret with the transcript's
 * hash as salt. Both ends hold both keys: either could have made any frame, so a stored session proves nothing about
 * who wrote what to anyone else (docs/PROTOCOL.md, "What each frame proves").
 */
public final class SessionKeys {
    private static final byte[] INFO = "torchat-session-v2 frame keys".getBytes(StandardCharsets.US_ASCII);

    private final String sessionId;
    private final byte[] sendKey;
    private final byte[] receiveKey;

    private SessionKeys(String sessionId, byte[] sendKey, byte[] receiveKey) {
        this.sessionId = sessionId;
        this.sendKey = sendKey;
        this.receiveKey = receiveKey;
    }

    static SessionKeys derive(SessionTranscript transcript, byte[] sharedSecret, SessionTranscript.Role own) {
        byte[] okm = Hkdf.derive(transcript.hash(), sharedSecret, INFO, 64);
        byte[] initiatorToResponder = java.util.Arrays.copyOfRange(okm, 0, 32);
        byte[] responderToInitiator = java.util.Arrays.copyOfRange(okm, 32, 64);
        return own == SessionTranscript.Role.INITIATOR
                ? new SessionKeys(transcript.sessionId(), initiatorToResponder, responderToInitiator)
                : new SessionKeys(transcript.sessionId(), responderToInitiator, initiatorToResponder);
    }

    /** The same on both ends: 32 hex digits. */
    public String sessionId() {
        return sessionId;
    }

    /** A new authenticator for this session's frames, counting from the first frame after the handshake. */
    public FrameAuthenticator authenticator() {
        return new FrameAuthenticator(sendKey, receiveKey);
    }
}
