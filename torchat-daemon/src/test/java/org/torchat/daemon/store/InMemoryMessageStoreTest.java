package org.torchat.daemon.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;

class InMemoryMessageStoreTest {
    private static final OnionAddress ALICE = Ed25519Identity.generate().onionAddress();
    private static final OnionAddress BOB = Ed25519Identity.generate().onionAddress();
    private static final OnionAddress CAROL = Ed25519Identity.generate().onionAddress();
    private static final Instant T0 = Instant.parse("2026-11-25T18:57:00Z");

    private final InMemoryMessageStore store = new InMemoryMessageStore();
    private int seconds;

    private IncomingMessage add(OnionAddress peer, String text) {
        IncomingMessage m = new IncomingMessage(peer, text, T0.plusSeconds(seconds++));
        store.addIncoming(m);
        return m;
    }

    private String popText(OnionAddress peer) {
        return store.popOldestUnread(peer).map(IncomingMessage::text).orElse(null);
    }

    @Test
    void anEmptyStoreHasNoPeers() {
        assertEquals(List.of(), store.peersWithUnread());
    }

    @Test
    void popsOldestFirstPerPeer() {
        IncomingMessage first = add(BOB, "one");
        add(ALICE, "alice one");
        add(BOB, "two");
        add(BOB, "three");

        assertEquals(Optional.of(first), store.popOldestUnread(BOB), "the whole message, arrival time included");
        assertEquals("two", popText(BOB));
        assertEquals("three", popText(BOB));
        assertEquals(Optional.empty(), store.popOldestUnread(BOB));
        assertEquals("alice one", popText(ALICE));
    }

    @Test
    void peersAreListedInOrderOfFirstArrival() {
        add(CAROL, "from carol");
        add(BOB, "from bob");
        add(CAROL, "carol again");
        add(ALICE, "from alice");

        assertEquals(List.of(CAROL, BOB, ALICE), store.peersWithUnread());
    }

    @Test
    void aPeerIsDroppedOnceDrained() {
        add(CAROL, "c1");
        add(BOB, "b1");
        add(CAROL, "c2");

        popText(CAROL);
        assertEquals(List.of(CAROL, BOB), store.peersWithUnread(), "one unread left");
        popText(CAROL);
        assertEquals(List.of(BOB), store.peersWithUnread());
    }

    @Test
    void aDrainedPeerThatWritesAgainComesLast() {
        add(CAROL, "c1");
        add(BOB, "b1");
        popText(CAROL);

        add(CAROL, "c2");

        assertEquals(List.of(BOB, CAROL), store.peersWithUnread());
        assertEquals("c2", popText(CAROL));
    }

    @Test
    void poppingAnUnknownPeerGivesNothingAndChangesNothing() {
        add(BOB, "b1");

        assertEquals(Optional.empty(), store.popOldestUnread(ALICE));
        assertEquals(List.of(BOB), store.peersWithUnread());
        assertEquals("b1", popText(BOB));
    }

    @Test
    void peersAreKeyedByAddressValueNotInstance() throws Exception {
        add(BOB, "b1");

        OnionAddress sameBob = OnionAddress.parse(BOB.serviceId().toUpperCase());

        assertEquals("b1", popText(sameBob));
    }

    @Test
    void thePeerListIsASnapshot() {
        add(BOB, "b1");
        List<OnionAddress> peers = store.peersWithUnread();

        add(ALICE, "a1");
        popText(BOB);

        assertEquals(List.of(BOB), peers);
        assertThrows(UnsupportedOperationException.class, () -> peers.add(CAROL));
    }
}
