package org.torchat.protocol.session;

import java.security.SecureRandom;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;
import org.torchat.protocol.signature.MessageSignatures;

/**
 * The four frames that open a session (docs/PROTOCOL.md, "Sessions"):
 * <pre>
 *   initiator → responder   SESSION step=hello      nonce, eph          (id: the initiator's address)
 *   responder → initiator   SESSION step=challenge  nonce, eph
 *   initiator → responder   SESSION step=proof      proof = initiator's signature over the transcript
 *   responder → initiator   SESSION step=ready      proof = responder's signature over the transcript
 * </pre>
 * The initiator reached the responder's onion service, so Tor already vouches for the responder's address; the
 * responder learns who the initiator is only from its proof. The responder signs last, and only for an initiator
 * whose proof verified, so a stranger never obtains its signature. Each side's state is single-use.
 */
public final class SessionHandshake {
    static final int NONCE_LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionHandshake() {}

    /** The side that opened the stream. */
    public static final class Initiator {
        private final Ed25519Identity self;
        private final OnionAddress responder;
        private final int portno;
        private final byte[] nonce = randomNonce();
        private final EphemeralKey ephemeral = new EphemeralKey();
        private SessionTranscript transcript;
        private byte[] sharedSecret;

        public Initiator(Ed25519Identity self, OnionAddress responder, int portno) {
            this.self = self;
            this.responder = responder;
            this.portno = portno;
        }

        public Message hello() {
            Message frame = HandshakeFrames.frame(
                    HandshakeFrames.HELLO, self.onionAddress().hostname(), portno);
            frame = HandshakeFrames.withBytes(frame, Extensions.NONCE, nonce);
            return HandshakeFrames.withBytes(frame, Extensions.EPHEMERAL, ephemeral.publicKey());
        }

        /** Our proof, in answer to the responder's challenge. */
        public Message proof(Message challenge) throws SessionException {
            HandshakeFrames.expectStep(challenge, HandshakeFrames.CHALLENGE);
            byte[] theirNonce = HandshakeFrames.bytes(challenge, Extensions.NONCE, NONCE_LENGTH);
            byte[] theirEphemeral = HandshakeFrames.bytes(challenge, Extensions.EPHEMERAL, EphemeralKey.LENGTH);
            sharedSecret = ephemeral.agree(theirEphemeral);
            transcript = new SessionTranscript(
                    self.onionAddress(), responder, nonce, theirNonce, ephemeral.publicKey(), theirEphemeral);
            Message frame = HandshakeFrames.frame(
                    HandshakeFrames.PROOF, self.onionAddress().hostname(), portno);
            return HandshakeFrames.withBytes(
                    frame, Extensions.PROOF, self.sign(transcript.proofInput(SessionTranscript.Role.INITIATOR)));
        }

        /** The session's keys, once the responder's proof verifies under the key of the address we dialled. */
        public SessionKeys keys(Message ready) throws SessionException {
            if (transcript == null) {
                throw new IllegalStateException("proof() comes first");
            }
            HandshakeFrames.expectStep(ready, HandshakeFrames.READY);
            byte[] proof = HandshakeFrames.bytes(ready, Extensions.PROOF, MessageSignatures.SIGNATURE_LENGTH);
            if (!verify(responder, transcript.proofInput(SessionTranscript.Role.RESPONDER), proof)) {
                throw new SessionException(
                        "the responder's proof is not a signature by " + responder + " over this session");
            }
            return SessionKeys.derive(transcript, sharedSecret, SessionTranscript.Role.INITIATOR);
        }
    }

    /** The side whose onion service was reached. */
    public static final class Responder {
        private final Ed25519Identity self;
        private final int portno;
        private final byte[] nonce = randomNonce();
        private final EphemeralKey ephemeral = new EphemeralKey();
        private OnionAddress initiator;
        private SessionTranscript transcript;
        private byte[] sharedSecret;

        public Responder(Ed25519Identity self, int portno) {
            this.self = self;
            this.portno = portno;
        }

        /**
         * The challenge in answer to {@code hello} from {@code claimedInitiator} (its {@code id}, already parsed;
         * the caller decides first whether that address may open a session at all).
         */
        public Message challenge(Message hello, OnionAddress claimedInitiator) throws SessionException {
            HandshakeFrames.expectStep(hello, HandshakeFrames.HELLO);
            if (claimedInitiator.equals(self.onionAddress())) {
                throw new SessionException("a session with ourselves is refused");
            }
            byte[] theirNonce = HandshakeFrames.bytes(hello, Extensions.NONCE, NONCE_LENGTH);
            byte[] theirEphemeral = HandshakeFrames.bytes(hello, Extensions.EPHEMERAL, EphemeralKey.LENGTH);
            sharedSecret = ephemeral.agree(theirEphemeral);
            initiator = claimedInitiator;
            transcript = new SessionTranscript(
                    claimedInitiator, self.onionAddress(), theirNonce, nonce, theirEphemeral, ephemeral.publicKey());
            Message frame = HandshakeFrames.frame(
                    HandshakeFrames.CHALLENGE, self.onionAddress().hostname(), portno);
            frame = HandshakeFrames.withBytes(frame, Extensions.NONCE, nonce);
            return HandshakeFrames.withBytes(frame, Extensions.EPHEMERAL, ephemeral.publicKey());
        }

        /** Checks the initiator's proof; then {@link #ready()} answers it. */
        public SessionKeys verify(Message proof) throws SessionException {
            if (transcript == null) {
                throw new IllegalStateException("challenge() comes first");
            }
            HandshakeFrames.expectStep(proof, HandshakeFrames.PROOF);
            if (!initiator.hostname().equals(proof.id())) {
                throw new SessionException(
                        "the proof comes from " + abbreviate(proof.id()) + ", the hello from " + initiator);
            }
            byte[] signature = HandshakeFrames.bytes(proof, Extensions.PROOF, MessageSignatures.SIGNATURE_LENGTH);
            if (!SessionHandshake.verify(
                    initiator, transcript.proofInput(SessionTranscript.Role.INITIATOR), signature)) {
                throw new SessionException("bad proof: not a signature by " + initiator + " over this session");
            }
            return SessionKeys.derive(transcript, sharedSecret, SessionTranscript.Role.RESPONDER);
        }

        /** Our own proof, sent once the initiator's verified. */
        public Message ready() {
            Message frame = HandshakeFrames.frame(
                    HandshakeFrames.READY, self.onionAddress().hostname(), portno);
            return HandshakeFrames.withBytes(
                    frame, Extensions.PROOF, self.sign(transcript.proofInput(SessionTranscript.Role.RESPONDER)));
        }
    }

    private static boolean verify(OnionAddress signer, byte[] input, byte[] signature) {
        return MessageSignatures.verifyRaw(signer, input, signature);
    }

    private static byte[] randomNonce() {
        byte[] nonce = new byte[NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    private static String abbreviate(String text) {
        return text.length() <= 70 ? text : text.substring(0, 70) + "…";
    }
}
