package org.torchat.protocol.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.MessageCodec;
import org.torchat.protocol.identity.Ed25519Identity;

class SessionHandshakeTest {
    private final Ed25519Identity alice = Ed25519Identity.generate();
    private final Ed25519Identity bob = Ed25519Identity.generate();
    private final Ed25519Identity mallory = Ed25519Identity.generate();

    /** Both ends' keys after a full handshake of {@code initiator} dialling {@code responder}. */
    private record Pair(SessionKeys initiator, SessionKeys responder) {}

    private Pair handshake(Ed25519Identity initiator, Ed25519Identity responder) throws Exception {
        SessionHandshake.Initiator i = new SessionHandshake.Initiator(initiator, responder.onionAddress(), 80);
        SessionHandshake.Responder r = new SessionHandshake.Responder(responder, 80);
        Message challenge = r.challenge(wire(i.hello()), initiator.onionAddress());
        Message proof = i.proof(wire(challenge));
        SessionKeys responderKeys = r.verify(wire(proof));
        SessionKeys initiatorKeys = i.keys(wire(r.ready()));
        return new Pair(initiatorKeys, responderKeys);
    }

    /** Through the codec, as over a socket. */
    private static Message wire(Message m) throws Exception {
        return MessageCodec.decode(MessageCodec.encode(m));
    }

    @Test
    void bothEndsAgreeOnTheSessionAndAuthenticateEachOthersFrames() throws Exception {
        Pair pair = handshake(alice, bob);
        assertEquals(pair.initiator().sessionId(), pair.responder().sessionId());
        assertEquals(32, pair.initiator().sessionId().length());

        FrameAuthenticator a = pair.initiator().authenticator();
        FrameAuthenticator b = pair.responder().authenticator();
        Message hello = Message.of(Command.RECV, alice.onionAddress().hostname(), 80, "héllo 👩‍👩‍👧 你好");
        Message opened = b.open(wire(a.seal(hello)));
        assertEquals(hello, opened);
        Message answer = Message.of(Command.END, bob.onionAddress().hostname(), 80, "");
        assertEquals(answer, a.open(wire(b.seal(answer))));
    }

    @Test
    void twoSessionsBetweenTheSamePeersHaveDifferentIdsAndKeys() throws Exception {
        Pair first = handshake(alice, bob);
        Pair second = handshake(alice, bob);
        assertNotEquals(first.initiator().sessionId(), second.initiator().sessionId());
        Message frame = first.initiator().authenticator().seal(Message.of(Command.PING, "x", 80, ""));
        assertThrows(
                SessionException.class,
                () -> second.responder().authenticator().open(wire(frame)),
                "a frame of one session is refused in another");
    }

    @Test
    void anAlteredFrameIsRefused() throws Exception {
        Pair pair = handshake(alice, bob);
        Message sealed = pair.initiator().authenticator().seal(Message.of(Command.RECV, "a", 80, "pay 10"));
        Message altered = new Message(sealed.cmd(), sealed.id(), sealed.portno(), "pay 99", null, sealed.extensions());
        SessionException e = assertThrows(
                SessionException.class, () -> pair.responder().authenticator().open(wire(altered)));
        assertTrue(e.getMessage().contains("wrong 'mac'"), e.getMessage());
    }

    @Test
    void aReplayedReorderedOrReflectedFrameIsRefused() throws Exception {
        Pair pair = handshake(alice, bob);
        FrameAuthenticator a = pair.initiator().authenticator();
        FrameAuthenticator b = pair.responder().authenticator();
        Message first = wire(a.seal(Message.of(Command.RECV, "a", 80, "one")));
        Message second = wire(a.seal(Message.of(Command.RECV, "a", 80, "two")));

        assertThrows(SessionException.class, () -> b.open(second), "out of order");
        b.open(first);
        assertThrows(SessionException.class, () -> b.open(first), "replayed");
        b.open(second);
        FrameAuthenticator a2 = pair.initiator().authenticator();
        assertThrows(SessionException.class, () -> a2.open(first), "sent back to its sender");
    }

    @Test
    void aFrameWithoutMacIsRefused() throws Exception {
        Pair pair = handshake(alice, bob);
        assertThrows(
                SessionException.class,
                () -> pair.responder().authenticator().open(Message.of(Command.RECV, "a", 80, "no mac")));
    }

    @Test
    void aReplayedProofIsRefused() throws Exception {
        // Mallory recorded Alice's proof of an earlier session with Bob and replays the whole opening.
        SessionHandshake.Initiator i = new SessionHandshake.Initiator(alice, bob.onionAddress(), 80);
        SessionHandshake.Responder r = new SessionHandshake.Responder(bob, 80);
        Message hello = wire(i.hello());
        Message recordedProof = wire(i.proof(wire(r.challenge(hello, alice.onionAddress()))));

        SessionHandshake.Responder fresh = new SessionHandshake.Responder(bob, 80);
        fresh.challenge(hello, alice.onionAddress());
        SessionException e = assertThrows(SessionException.class, () -> fresh.verify(recordedProof));
        assertTrue(e.getMessage().startsWith("bad proof"), e.getMessage());
    }

    @Test
    void aProofForAnotherAddressIsRefused() throws Exception {
        // Alice proved herself to Mallory; Mallory presents that proof to Bob as Alice.
        SessionHandshake.Initiator i = new SessionHandshake.Initiator(alice, mallory.onionAddress(), 80);
        SessionHandshake.Responder atBob = new SessionHandshake.Responder(bob, 80);
        Message challenge = atBob.challenge(wire(i.hello()), alice.onionAddress());
        Message proofForMallory = wire(i.proof(wire(challenge)));
        assertThrows(SessionException.class, () -> atBob.verify(proofForMallory));
    }

    @Test
    void aRelayedHandshakeBetweenTwoVictimsFails() throws Exception {
        // Alice dials Mallory's onion; Mallory relays every frame to Bob's onion, claiming to be Alice, and Bob's
        // frames back to Alice. Bob refuses Alice's proof (it names Mallory), and Alice refuses Bob's (it is not
        // Mallory's), so neither end gets a session through the relay.
        SessionHandshake.Initiator aliceSide = new SessionHandshake.Initiator(alice, mallory.onionAddress(), 80);
        SessionHandshake.Responder bobSide = new SessionHandshake.Responder(bob, 80);
        Message challenge = bobSide.challenge(wire(aliceSide.hello()), alice.onionAddress());
        Message proof = wire(aliceSide.proof(wire(challenge)));
        assertThrows(SessionException.class, () -> bobSide.verify(proof));

        // Even a Bob who signed anyway would not convince Alice.
        SessionHandshake.Responder careless = new SessionHandshake.Responder(bob, 80);
        SessionHandshake.Initiator alice2 = new SessionHandshake.Initiator(alice, mallory.onionAddress(), 80);
        alice2.proof(wire(careless.challenge(wire(alice2.hello()), alice.onionAddress())));
        Message bobsReady = wire(careless.ready());
        assertThrows(SessionException.class, () -> alice2.keys(bobsReady));
    }

    @Test
    void aProofMadeWithAnotherKeyIsRefused() throws Exception {
        // Mallory claims Alice's address in hello but can only sign with her own key.
        SessionHandshake.Initiator forged = new SessionHandshake.Initiator(mallory, bob.onionAddress(), 80);
        SessionHandshake.Responder r = new SessionHandshake.Responder(bob, 80);
        Message hello = forged.hello();
        Message claimingAlice =
                new Message(hello.cmd(), alice.onionAddress().hostname(), 80, "", null, hello.extensions());
        Message challenge = r.challenge(wire(claimingAlice), alice.onionAddress());
        Message proof = forged.proof(wire(challenge));
        Message proofAsAlice =
                new Message(proof.cmd(), alice.onionAddress().hostname(), 80, "", null, proof.extensions());
        assertThrows(SessionException.class, () -> r.verify(wire(proofAsAlice)));
    }

    @Test
    void aResponderThatIsNotTheDialledAddressIsRefused() throws Exception {
        SessionHandshake.Initiator i = new SessionHandshake.Initiator(alice, bob.onionAddress(), 80);
        SessionHandshake.Responder impostor = new SessionHandshake.Responder(mallory, 80);
        i.proof(wire(impostor.challenge(wire(i.hello()), alice.onionAddress())));
        assertThrows(SessionException.class, () -> i.keys(wire(impostor.ready())));
    }

    @Test
    void anErrInsteadOfAChallengeSaysWhy() {
        SessionHandshake.Initiator i = new SessionHandshake.Initiator(alice, bob.onionAddress(), 80);
        i.hello();
        SessionException e = assertThrows(
                SessionException.class,
                () -> i.proof(Message.of(Command.ERR, bob.onionAddress().hostname(), 80, "not a contact")));
        assertTrue(e.getMessage().contains("not a contact"), e.getMessage());
    }

    @Test
    void anEphemeralKeyOfSmallOrderIsRefused() {
        SessionHandshake.Initiator i = new SessionHandshake.Initiator(alice, bob.onionAddress(), 80);
        SessionHandshake.Responder r = new SessionHandshake.Responder(bob, 80);
        Message hello = HandshakeFrames.withBytes(i.hello(), Extensions.EPHEMERAL, new byte[32]);
        assertThrows(SessionException.class, () -> r.challenge(hello, alice.onionAddress()));
    }

    @Test
    void malformedHandshakeFieldsAreRefused() {
        SessionHandshake.Responder r = new SessionHandshake.Responder(bob, 80);
        Message hello = new SessionHandshake.Initiator(alice, bob.onionAddress(), 80).hello();
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        for (Message bad : new Message[] {
            hello.withExtension(Extensions.NONCE, nodes.textNode("short")),
            hello.withExtension(Extensions.NONCE, nodes.numberNode(5)),
            hello.withExtension(
                    Extensions.EPHEMERAL, nodes.textNode(Base64.getEncoder().encodeToString(new byte[31]))),
            hello.withExtension(Extensions.STEP, nodes.textNode("proof")),
        }) {
            assertThrows(SessionException.class, () -> r.challenge(bad, alice.onionAddress()), bad.toString());
        }
        assertThrows(SessionException.class, () -> r.challenge(hello, bob.onionAddress()), "a session with ourselves");
    }
}
