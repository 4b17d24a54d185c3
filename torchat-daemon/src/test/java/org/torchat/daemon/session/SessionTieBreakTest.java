package org.torchat.daemon.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.torchat.protocol.Message;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;
import org.torchat.protocol.session.SessionHandshake;
import org.torchat.protocol.session.SessionKeys;

/**
 * The simultaneous-open tie-break: both daemons judge the same pair of sessions, each from its own side, and must
 * keep the same one, or each would close the session the other kept.
 */
class SessionTieBreakTest {
    private static final Ed25519Identity ALICE = Ed25519Identity.generate();
    private static final Ed25519Identity BOB = Ed25519Identity.generate();
    private static final Instant T0 = Instant.parse("2026-12-04T18:00:00Z");

    /** A session {@code dialler} opened to {@code answerer}, as each end holds it: [dialler's, answerer's]. */
    private static SessionLink[] dialled(
            Ed25519Identity dialler, Ed25519Identity answerer, Instant atDialler, Instant atAnswerer) throws Exception {
        SessionHandshake.Initiator initiator = new SessionHandshake.Initiator(dialler, answerer.onionAddress(), 80);
        SessionHandshake.Responder responder = new SessionHandshake.Responder(answerer, 80);
        Message challenge = responder.challenge(initiator.hello(), dialler.onionAddress());
        SessionKeys answererKeys = responder.verify(initiator.proof(challenge));
        SessionKeys diallerKeys = initiator.keys(responder.ready());
        OnionAddress from = dialler.onionAddress();
        return new SessionLink[] {
            new SessionLink(answerer.onionAddress(), from, diallerKeys, atDialler, new NoTransport()),
            new SessionLink(from, from, answererKeys, atAnswerer, new NoTransport())
        };
    }

    /** Which session each side keeps: the one it had, unless the other replaces it. */
    private static String kept(SessionLink existing, SessionLink candidate) {
        return SessionTieBreak.replaces(existing, candidate) ? candidate.id() : existing.id();
    }

    @Test
    void sessionsOpenedAtOnceFromBothSidesLeaveTheSameOneOnBothSidesTheOneOfTheSmallerAddress() throws Exception {
        // Alice's dial arrives at Bob 2 s after Bob's own session with her opened, and the other way round for her.
        SessionLink[] aliceDialled = dialled(ALICE, BOB, T0, T0.plusSeconds(2));
        SessionLink[] bobDialled = dialled(BOB, ALICE, T0.plusSeconds(1), T0);
        String atAlice = kept(bobDialled[1], aliceDialled[0]); // she held Bob's, then hers completed
        String atBob = kept(bobDialled[0], aliceDialled[1]); // he held his own, then Alice's arrived
        assertEquals(atAlice, atBob, "both keep the same session");
        boolean aliceSmaller =
                ALICE.onionAddress().hostname().compareTo(BOB.onionAddress().hostname()) < 0;
        assertEquals(
                aliceSmaller ? aliceDialled[0].id() : bobDialled[0].id(),
                atAlice,
                "the session opened by the smaller address");
        // ... whichever order each side saw them in.
        assertEquals(atAlice, kept(aliceDialled[0], bobDialled[1]));
        assertEquals(atBob, kept(aliceDialled[1], bobDialled[0]));
    }

    @Test
    void outsideTheWindowTheNewerSessionWinsWhoeverOpenedIt() throws Exception {
        SessionLink[] old = dialled(ALICE, BOB, T0, T0);
        Instant later = T0.plus(SessionTieBreak.WINDOW).plusSeconds(1);
        SessionLink[] fresh = dialled(BOB, ALICE, later, later);
        assertTrue(SessionTieBreak.replaces(old[0], fresh[1]), "Alice takes Bob's new session (he lost the old)");
        assertTrue(SessionTieBreak.replaces(old[1], fresh[0]), "and so does Bob");
        assertFalse(SessionTieBreak.replaces(fresh[0], old[1]), "an older one never replaces a newer one");
    }

    @Test
    void bothEndsNameTheSessionAlike() throws Exception {
        SessionLink[] s = dialled(ALICE, BOB, T0, T0);
        assertEquals(s[0].id(), s[1].id());
        assertEquals(ALICE.onionAddress(), s[0].initiator());
        assertEquals(ALICE.onionAddress(), s[1].initiator());
    }

    /** A link that is never written to or read in these tests. */
    private static final class NoTransport implements SessionTransport {
        @Override
        public Optional<Message> next(java.time.Duration deadline) {
            return Optional.empty();
        }

        @Override
        public void send(Message frame) {
            throw new IllegalStateException("not used");
        }

        @Override
        public boolean ready() {
            return false;
        }

        @Override
        public void close() {}
    }
}
