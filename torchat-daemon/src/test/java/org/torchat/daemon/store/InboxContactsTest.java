package org.torchat.daemon.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.torchat.daemon.config.Strangers;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;

/** Who gets through the inbox: contacts, strangers under each policy, blocked addresses. */
class InboxContactsTest {
    private static final OnionAddress FRIEND = Ed25519Identity.generate().onionAddress();
    private static final OnionAddress STRANGER = Ed25519Identity.generate().onionAddress();
    private static final Instant T0 = Instant.parse("2026-11-25T18:57:00Z");

    private final Database db;
    private final Contacts contacts;

    InboxContactsTest() throws Exception {
        db = Database.inMemory();
        contacts = new Contacts(db);
        contacts.add(FRIEND, "Friend", T0);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Inbox inbox(Strangers policy) {
        return new Inbox(db, new UnreadLimits(1000, 1_000_000), new ChangeSignal(), policy);
    }

    private static Inbox.Outcome store(Inbox inbox, OnionAddress from, String text) throws PeerLimitException {
        return inbox.store(from, MessageIds.random(), text, null, T0.plusSeconds(1));
    }

    @Test
    void withRequestsAStrangerIsStoredAsARequestAndNotListedForGetPeers() throws Exception {
        Inbox inbox = inbox(Strangers.REQUESTS);
        assertEquals(Inbox.Outcome.STORED, store(inbox, STRANGER, "may I?"));
        assertEquals(Inbox.Outcome.STORED, store(inbox, FRIEND, "hi"));
        assertEquals(List.of(FRIEND), inbox.peersWithUnread());
        Contact request = contacts.requests(0, 100, 200).get(0);
        assertEquals(STRANGER, request.address());
        assertEquals(ContactState.REQUEST, request.state());
        assertEquals("may I?", request.firstMessage());
        assertEquals(T0.plusSeconds(1), request.lastSeen());
    }

    @Test
    void withAllowStrangersAreListedForGetPeersAndStillRequests() throws Exception {
        Inbox inbox = inbox(Strangers.ALLOW);
        store(inbox, STRANGER, "hello");
        assertEquals(List.of(STRANGER), inbox.peersWithUnread());
        assertEquals(1, contacts.requests(0, 100, 200).size());
    }

    @Test
    void withContactsOnlyAStrangerIsRefusedAndNothingIsWritten() throws Exception {
        Inbox inbox = inbox(Strangers.CONTACTS);
        assertEquals(Inbox.Outcome.REFUSED, store(inbox, STRANGER, "let me in"));
        assertEquals(Inbox.Outcome.STORED, store(inbox, FRIEND, "hi"));
        assertEquals(java.util.Optional.empty(), contacts.find(STRANGER), "not even the contact row");
    }

    @Test
    void aBlockedAddressIsDroppedAndCountedWhateverThePolicy() throws Exception {
        contacts.block(FRIEND, T0);
        for (Strangers policy : Strangers.values()) {
            assertEquals(Inbox.Outcome.BLOCKED, store(inbox(policy), FRIEND, "x"));
        }
        Contact friend = contacts.find(FRIEND).orElseThrow();
        assertEquals(3, friend.droppedWhileBlocked());
        assertEquals(0, friend.unread());
        assertEquals(List.of(), new History(db).last(FRIEND, 10));
        assertEquals(List.of(), inbox(Strangers.ALLOW).peersWithUnread());
    }

    @Test
    void withContactsOnlyABlockedStrangerHearsWhatEveryStrangerHears() throws Exception {
        contacts.block(STRANGER, T0);
        assertEquals(
                Inbox.Outcome.REFUSED,
                store(inbox(Strangers.CONTACTS), STRANGER, "still me"),
                "refused like any stranger: an acknowledgement would show that it is blocked");
        assertEquals(Inbox.Outcome.BLOCKED, store(inbox(Strangers.REQUESTS), STRANGER, "still me"));
    }

    @Test
    void aRemovedContactThatWritesAgainBecomesARequest() throws Exception {
        contacts.remove(FRIEND);
        store(inbox(Strangers.REQUESTS), FRIEND, "me again");
        assertEquals(ContactState.REQUEST, contacts.find(FRIEND).orElseThrow().state());
        assertEquals(null, contacts.find(FRIEND).orElseThrow().nickname(), "the nickname went with the contact");
    }
}
