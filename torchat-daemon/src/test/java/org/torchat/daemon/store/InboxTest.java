package org.torchat.daemon.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;

class InboxTest {
    private static final OnionAddress ALICE = Ed25519Identity.generate().onionAddress();
    private static final OnionAddress BOB = Ed25519Identity.generate().onionAddress();
    private static final OnionAddress CAROL = Ed25519Identity.generate().onionAddress();
    private static final Instant T0 = Instant.parse("2026-11-25T18:57:00Z");
    private static final UnreadLimits ROOMY = new UnreadLimits(1000, 1_000_000);

    @TempDir
    Path tmp;

    private Database db;
    private Inbox inbox;
    private History history;
    private int seconds;

    InboxTest() throws Exception {
        use(Database.inMemory(), ROOMY);
    }

    private void use(Database database, UnreadLimits limits) {
        if (db != null) {
            db.close();
        }
        db = database;
        inbox = new Inbox(db, limits);
        history = new History(db);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    private Instant nextInstant() {
        return T0.plusSeconds(seconds++);
    }

    private Inbox.Outcome add(OnionAddress peer, String text) throws PeerLimitException {
        return inbox.store(peer, MessageIds.random(), text, null, nextInstant());
    }

    private String popText(OnionAddress peer) {
        return inbox.popOldestUnread(peer).map(StoredMessage::text).orElse(null);
    }

    @Test
    void anEmptyStoreHasNoPeers() {
        assertEquals(List.of(), inbox.peersWithUnread());
        assertEquals(Optional.empty(), inbox.popOldestUnread(BOB));
    }

    @Test
    void storesTheWholeMessage() throws Exception {
        Instant sent = T0.minusSeconds(30);
        Instant received = T0;

        assertEquals(Inbox.Outcome.STORED, inbox.store(BOB, "0123456789abcdef", "hello alice", sent, received));

        StoredMessage m = inbox.popOldestUnread(BOB).orElseThrow();
        assertEquals(BOB, m.peer());
        assertEquals(Direction.IN, m.direction());
        assertEquals("0123456789abcdef", m.messageId());
        assertEquals("hello alice", m.text());
        assertEquals(sent, m.sentAt());
        assertEquals(received, m.receivedAt());
        assertEquals(MessageStatus.RECEIVED, m.status());
        assertTrue(m.unread(), "popped as it was before being marked read");
    }

    @Test
    void aMessageWithoutASendTimeIsStored() throws Exception {
        inbox.store(BOB, "0123456789abcdef", "from the C daemon", null, T0);

        assertNull(inbox.popOldestUnread(BOB).orElseThrow().sentAt());
    }

    @Test
    void popsOldestFirstPerPeer() throws Exception {
        add(BOB, "one");
        add(ALICE, "alice one");
        add(BOB, "two");
        add(BOB, "three");

        assertEquals("one", popText(BOB));
        assertEquals("two", popText(BOB));
        assertEquals("three", popText(BOB));
        assertEquals(Optional.empty(), inbox.popOldestUnread(BOB));
        assertEquals("alice one", popText(ALICE));
    }

    @Test
    void aPoppedMessageStaysInHistoryMarkedRead() throws Exception {
        add(BOB, "one");
        add(BOB, "two");

        popText(BOB);

        List<StoredMessage> all = history.last(BOB, 10);
        assertEquals(
                List.of("one", "two"), all.stream().map(StoredMessage::text).toList());
        assertFalse(all.get(0).unread());
        assertTrue(all.get(1).unread());
    }

    @Test
    void theSameIdFromTheSamePeerIsStoredOnce() throws Exception {
        assertEquals(Inbox.Outcome.STORED, inbox.store(BOB, "0123456789abcdef", "hello", null, T0));
        assertEquals(Inbox.Outcome.DUPLICATE, inbox.store(BOB, "0123456789abcdef", "hello", null, T0.plusSeconds(5)));
        assertEquals(
                Inbox.Outcome.DUPLICATE, inbox.store(BOB, "0123456789abcdef", "other text", null, T0.plusSeconds(9)));

        List<StoredMessage> all = history.last(BOB, 10);
        assertEquals(1, all.size());
        assertEquals("hello", all.get(0).text());
        assertEquals(T0, all.get(0).receivedAt(), "the first arrival counts");
        assertEquals("hello", popText(BOB));
        assertEquals(null, popText(BOB), "one unread, not two");
    }

    @Test
    void aDuplicateOfAMessageAlreadyReadIsNotUnreadAgain() throws Exception {
        inbox.store(BOB, "0123456789abcdef", "hello", null, T0);
        popText(BOB);

        assertEquals(Inbox.Outcome.DUPLICATE, inbox.store(BOB, "0123456789abcdef", "hello", null, T0.plusSeconds(5)));

        assertEquals(List.of(), inbox.peersWithUnread());
        assertEquals(1, history.last(BOB, 10).size());
    }

    @Test
    void aVerifiedMessageIsStoredVerifiedAndMarksThePeer() throws Exception {
        assertEquals(Inbox.Outcome.STORED, inbox.store(BOB, "0123456789abcdef", "signed", T0, T0, true, null));
        assertEquals(Inbox.Outcome.STORED, inbox.store(BOB, "0123456789abcdeg", "unsigned", T0, T0, false, null));
        inbox.store(CAROL, "0123456789abcdef", "unsigned", T0, T0);

        assertEquals(
                List.of(true, false),
                history.last(BOB, 10).stream().map(StoredMessage::verified).toList());
        assertTrue(history.peerVerified(BOB));
        assertFalse(history.peerVerified(CAROL));
        assertFalse(history.peerVerified(ALICE), "no contact at all");
        assertFalse(
                new Outbox(db).enqueue(ALICE, "ours", 80, "", T0).verified(), "outgoing messages are never verified");
    }

    @Test
    void aNewMessageSentBeforeTheOldestAcceptedTimeIsNotStoredAtAll() throws Exception {
        Instant oldest = T0.minusSeconds(3600);

        assertEquals(
                Inbox.Outcome.TOO_OLD,
                inbox.store(BOB, "0123456789abcdef", "old", oldest.minusMillis(1), T0, true, oldest));

        assertEquals(List.of(), history.last(BOB, 10));
        assertEquals(List.of(), inbox.peersWithUnread());
        assertFalse(history.peerVerified(BOB), "a refused message proves nothing");
        int contacts = db.run(c -> {
            try (var ps = c.prepareStatement("SELECT COUNT(*) FROM contacts");
                    var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertEquals(0, contacts, "not even a contact is created");
        assertEquals(Inbox.Outcome.STORED, inbox.store(BOB, "0123456789abcdef", "edge", oldest, T0, true, oldest));
    }

    @Test
    void aStoredIdIsADuplicateHoweverOldAndAMessageWithoutTimeHasNoAge() throws Exception {
        inbox.store(BOB, "0123456789abcdef", "first", T0.minusSeconds(10), T0, true, T0.minusSeconds(60));

        assertEquals(
                Inbox.Outcome.DUPLICATE,
                inbox.store(BOB, "0123456789abcdef", "first", T0.minusSeconds(10), T0.plusSeconds(1), true, T0));
        assertEquals(
                Inbox.Outcome.STORED,
                inbox.store(BOB, "0123456789abcdeg", "C daemon", null, T0, false, T0.plusSeconds(3600)));
    }

    @Test
    void theSameIdFromTwoPeersIsTwoMessages() throws Exception {
        assertEquals(Inbox.Outcome.STORED, inbox.store(BOB, "0123456789abcdef", "from bob", null, T0));
        assertEquals(Inbox.Outcome.STORED, inbox.store(CAROL, "0123456789abcdef", "from carol", null, T0));

        assertEquals("from bob", popText(BOB));
        assertEquals("from carol", popText(CAROL));
    }

    @Test
    void anIncomingIdEqualToOneWeSentIsNotADuplicate() throws Exception {
        StoredMessage ours = new Outbox(db).enqueue(BOB, "ours", 80, "", T0);

        assertEquals(Inbox.Outcome.STORED, inbox.store(BOB, ours.messageId(), "theirs", null, T0));

        assertEquals(2, history.last(BOB, 10).size());
    }

    @Test
    void peersAreListedInTheOrderTheirUnreadRunBegan() throws Exception {
        add(BOB, "b1");
        add(CAROL, "c1");
        add(BOB, "b2");

        assertEquals(List.of(BOB, CAROL), inbox.peersWithUnread());

        popText(BOB);
        assertEquals(List.of(BOB, CAROL), inbox.peersWithUnread(), "bob still has one unread: his run goes on");
        popText(BOB);
        assertEquals(List.of(CAROL), inbox.peersWithUnread());

        add(BOB, "b3");
        assertEquals(List.of(CAROL, BOB), inbox.peersWithUnread(), "bob's new run began after carol's");
        assertEquals("b3", popText(BOB));
    }

    @Test
    void peersAreListedInOrderOfFirstArrival() throws Exception {
        add(CAROL, "from carol");
        add(BOB, "from bob");
        add(CAROL, "carol again");
        add(ALICE, "from alice");

        assertEquals(List.of(CAROL, BOB, ALICE), inbox.peersWithUnread());
    }

    @Test
    void poppingAnUnknownPeerGivesNothingAndChangesNothing() throws Exception {
        add(BOB, "b1");

        assertEquals(Optional.empty(), inbox.popOldestUnread(ALICE));
        assertEquals(List.of(BOB), inbox.peersWithUnread());
        assertEquals("b1", popText(BOB));
    }

    @Test
    void peersAreKeyedByAddressValueNotSpelling() throws Exception {
        add(BOB, "b1");

        OnionAddress sameBob = OnionAddress.parse(BOB.serviceId().toUpperCase());

        assertEquals("b1", popText(sameBob));
    }

    @Test
    void thePeerListIsASnapshot() throws Exception {
        add(BOB, "b1");
        List<OnionAddress> peers = inbox.peersWithUnread();

        add(ALICE, "a1");
        popText(BOB);

        assertEquals(List.of(BOB), peers);
    }

    @Test
    void overTheMessageCapNothingIsStoredUntilSomethingIsRead() throws Exception {
        use(Database.inMemory(), new UnreadLimits(2, 1_000_000));
        add(BOB, "one");
        add(BOB, "two");

        PeerLimitException e = assertThrows(PeerLimitException.class, () -> add(BOB, "three"));

        assertTrue(e.getMessage().contains("2"), e.getMessage());
        assertEquals(List.of("one", "two"), texts(BOB));
        add(CAROL, "carol has her own cap");

        popText(BOB);
        assertEquals(Inbox.Outcome.STORED, add(BOB, "three"));
        assertEquals(List.of("one", "two", "three"), texts(BOB));
        assertThrows(PeerLimitException.class, () -> add(BOB, "four"));
    }

    @Test
    void overTheByteCapNothingIsStoredUntilSomethingIsRead() throws Exception {
        use(Database.inMemory(), new UnreadLimits(1000, 10));
        add(BOB, "\u00e9\u00e9\u00e9"); // 6 bytes in UTF-8, 3 characters

        PeerLimitException e = assertThrows(PeerLimitException.class, () -> add(BOB, "abcde"));

        assertTrue(e.getMessage().contains("10"), e.getMessage());
        assertEquals(1, texts(BOB).size());
        assertEquals(Inbox.Outcome.STORED, add(BOB, "abcd"), "exactly at the cap is allowed");
        assertThrows(PeerLimitException.class, () -> add(BOB, "x"));
        add(CAROL, "0123456789");

        popText(BOB);
        assertEquals(Inbox.Outcome.STORED, add(BOB, "abcdef"));
        assertEquals(List.of("\u00e9\u00e9\u00e9", "abcd", "abcdef"), texts(BOB));
    }

    @Test
    void aSingleMessageOverTheByteCapIsRefusedOnAnEmptyInbox() throws Exception {
        use(Database.inMemory(), new UnreadLimits(1000, 10));

        assertThrows(PeerLimitException.class, () -> add(BOB, "01234567890"));

        assertEquals(List.of(), texts(BOB));
        assertEquals(List.of(), inbox.peersWithUnread());
    }

    @Test
    void aRepeatOfAStoredMessageIsAcknowledgedEvenAtTheCap() throws Exception {
        // A sender whose acknowledgement was lost retries: it must get its acknowledgement, not an error.
        use(Database.inMemory(), new UnreadLimits(1, 1_000_000));
        inbox.store(BOB, "0123456789abcdef", "one", null, T0);

        assertEquals(Inbox.Outcome.DUPLICATE, inbox.store(BOB, "0123456789abcdef", "one", null, T0.plusSeconds(1)));
    }

    @Test
    void unreadStateSurvivesReopeningAFileDatabase() throws Exception {
        Path file = tmp.resolve(Database.FILE_NAME);
        use(Database.open(file), ROOMY);
        add(CAROL, "c1");
        add(BOB, "b1");
        add(BOB, "b2");
        add(CAROL, "c2");
        popText(CAROL);

        use(Database.open(file), ROOMY);

        assertEquals(List.of(CAROL, BOB), inbox.peersWithUnread());
        assertEquals("b1", popText(BOB));
        assertEquals("c2", popText(CAROL));
        assertEquals("b2", popText(BOB));
        assertEquals(List.of(), inbox.peersWithUnread());
        assertEquals(
                Inbox.Outcome.DUPLICATE,
                inbox.store(BOB, history.last(BOB, 1).get(0).messageId(), "b2", null, nextInstant()),
                "message ids are remembered across restarts");
    }

    @Test
    void theCapsCountWhatIsStoredAcrossRestarts() throws Exception {
        Path file = tmp.resolve(Database.FILE_NAME);
        UnreadLimits two = new UnreadLimits(2, 1_000_000);
        use(Database.open(file), two);
        add(BOB, "one");
        add(BOB, "two");

        use(Database.open(file), two);

        assertThrows(PeerLimitException.class, () -> add(BOB, "three"));
    }

    private List<String> texts(OnionAddress peer) {
        return history.last(peer, 1000).stream().map(StoredMessage::text).toList();
    }
}
