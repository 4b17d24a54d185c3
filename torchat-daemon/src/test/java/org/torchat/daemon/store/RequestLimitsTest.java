package org.torchat.daemon.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.torchat.daemon.config.Settings;
import org.torchat.daemon.config.Strangers;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;

/** What strangers may leave before they are accepted: the request caps, the quota, paging and expiry. */
class RequestLimitsTest {
    private static final OnionAddress FRIEND = Ed25519Identity.generate().onionAddress();
    private static final Instant T0 = Instant.parse("2026-11-25T18:57:00Z");

    private final Database db;
    private final Contacts contacts;
    private final History history;

    RequestLimitsTest() throws Exception {
        db = Database.inMemory();
        contacts = new Contacts(db);
        history = new History(db);
        contacts.add(FRIEND, "Friend", T0);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Inbox inbox(RequestLimits limits) {
        return new Inbox(db, new UnreadLimits(1000, 1_000_000), new ChangeSignal(), Strangers.REQUESTS, limits);
    }

    private static Inbox.Outcome store(Inbox inbox, OnionAddress from, String text, Instant at)
            throws PeerLimitException {
        return inbox.store(from, MessageIds.random(), text, null, at);
    }

    private static OnionAddress stranger() {
        return Ed25519Identity.generate().onionAddress();
    }

    /** A batch (one session's messages stored in one transaction) is judged message by message, as if one by one. */
    @Test
    void aBatchKeepsWhatFitsRefusesTheRestAndARefusedStrangerLeavesNoTraceInIt() throws Exception {
        Inbox inbox = inbox(new RequestLimits(1, 2, 20_000, 1_000_000));
        OnionAddress first = stranger();
        List<Inbox.Stored> results = inbox.storeAll(
                first, List.of(incoming("one"), incoming("two"), incoming("three"), incoming("four")), T0, false, null);
        assertEquals(Inbox.Outcome.STORED, results.get(0).outcome());
        assertEquals(Inbox.Outcome.STORED, results.get(1).outcome());
        assertTrue(results.get(2).outcome() == null && results.get(3).outcome() == null, results.toString());
        assertTrue(
                results.get(2).overLimit().getMessage().contains("2"),
                results.get(2).overLimit().getMessage());
        assertEquals(
                List.of("one", "two"),
                history.last(first, 10).stream().map(StoredMessage::text).toList());

        OnionAddress second = stranger(); // over the cap of one pending request
        List<Inbox.Stored> refused =
                inbox.storeAll(second, List.of(incoming("hi"), incoming("hello?")), T0, false, null);
        assertTrue(refused.stream().allMatch(r -> r.overLimit() != null), refused.toString());
        assertTrue(contacts.find(second).isEmpty(), "not even its address, though the batch's transaction committed");
        List<Inbox.Stored> friend = inbox.storeAll(FRIEND, List.of(incoming("a"), incoming("a")), T0, false, null);
        assertEquals(Inbox.Outcome.STORED, friend.get(0).outcome());
    }

    private static Inbox.Incoming incoming(String text) {
        return new Inbox.Incoming(MessageIds.random(), text, null);
    }

    @Test
    void pendingRequestsStopAtTheCapAndANewStrangerIsRefusedWhileOldOnesMayStillWrite() throws Exception {
        Inbox inbox = inbox(new RequestLimits(3, 5, 20_000, 1_000_000));
        List<OnionAddress> first = List.of(stranger(), stranger(), stranger());
        for (OnionAddress s : first) {
            assertEquals(Inbox.Outcome.STORED, store(inbox, s, "hello", T0));
        }
        OnionAddress fourth = stranger();
        PeerLimitException e = assertThrows(PeerLimitException.class, () -> store(inbox, fourth, "me too", T0));
        assertTrue(e.getMessage().contains("3 requests from strangers already wait"), e.getMessage());
        assertEquals(List.of(), history.last(fourth, 10), "nothing of the refused stranger is stored");
        assertTrue(contacts.find(fourth).isEmpty(), "not even its address");
        assertEquals(Inbox.Outcome.STORED, store(inbox, first.get(0), "a second line", T0), "an open request grows");
        assertEquals(Inbox.Outcome.STORED, store(inbox, FRIEND, "contacts are never counted", T0));
        assertEquals(3, contacts.pendingRequests());
    }

    @Test
    void oneStrangerMayLeaveAtMostItsMessagesAndBytes() throws Exception {
        Inbox inbox = inbox(new RequestLimits(100, 2, 10_000, 1_000_000));
        OnionAddress chatty = stranger();
        store(inbox, chatty, "one", T0);
        store(inbox, chatty, "two", T0);
        PeerLimitException tooMany = assertThrows(PeerLimitException.class, () -> store(inbox, chatty, "three", T0));
        assertTrue(tooMany.getMessage().contains("requestmessages 2"), tooMany.getMessage());

        OnionAddress wordy = stranger();
        store(inbox, wordy, "x".repeat(6_000), T0);
        PeerLimitException tooBig =
                assertThrows(PeerLimitException.class, () -> store(inbox, wordy, "y".repeat(6_000), T0));
        assertTrue(tooBig.getMessage().contains("requestbytes 10000"), tooBig.getMessage());
        assertEquals(1, history.last(wordy, 10).size());
    }

    @Test
    void allStrangersTogetherStopAtTheQuotaEvenUnderFreshAddresses() throws Exception {
        Inbox inbox = inbox(new RequestLimits(1000, 5, 20_000, 25_000));
        int stored = 0;
        List<String> refusals = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            try {
                store(inbox, stranger(), "z".repeat(9_000), T0);
                stored++;
            } catch (PeerLimitException e) {
                refusals.add(e.getMessage());
            }
        }
        assertEquals(2, stored, "two messages of 9000 bytes fit in 25000, a third does not");
        assertTrue(refusals.get(0).contains("strangerquota 25000"), refusals.get(0));
        assertEquals(Inbox.Outcome.STORED, store(inbox, FRIEND, "z".repeat(9_000), T0), "the quota is strangers'");
    }

    @Test
    void anAcceptedRequestNoLongerCountsAndAWriteAfterRemovalOpensAFreshRequest() throws Exception {
        Inbox inbox = inbox(new RequestLimits(1, 2, 20_000, 1_000_000));
        OnionAddress newcomer = stranger();
        store(inbox, newcomer, "one", T0);
        store(inbox, newcomer, "two", T0);
        contacts.accept(newcomer, null, T0);
        for (int i = 0; i < 5; i++) {
            store(inbox, newcomer, "as a contact " + i, T0);
        }
        assertEquals(Inbox.Outcome.STORED, store(inbox, stranger(), "the one slot is free again", T0));
    }

    @Test
    void requestsArePagedOldestFirstWithThePreviewCutByTheStore() throws Exception {
        Inbox inbox = inbox(RequestLimits.of(new Settings.Builder().build()));
        List<OnionAddress> order = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            OnionAddress s = stranger();
            order.add(s);
            store(inbox, s, i + ":" + "é".repeat(500), T0.plusSeconds(i));
        }
        List<Contact> page1 = contacts.requests(0, 3, 11);
        List<Contact> page3 = contacts.requests(6, 3, 11);
        assertEquals(order.subList(0, 3), page1.stream().map(Contact::address).toList());
        assertEquals(order.subList(6, 7), page3.stream().map(Contact::address).toList());
        assertEquals("0:" + "é".repeat(9), page1.get(0).firstMessage(), "11 characters, not bytes");
        assertEquals(7, contacts.pendingRequests());
    }

    @Test
    void unansweredRequestsExpireWithTheirMessagesAndFreeTheirPlace() throws Exception {
        Inbox inbox = inbox(new RequestLimits(2, 5, 20_000, 1_000_000));
        OnionAddress old = stranger();
        OnionAddress recent = stranger();
        store(inbox, old, "from long ago", T0);
        store(inbox, recent, "from today", T0.plus(Duration.ofDays(29)));
        assertThrows(PeerLimitException.class, () -> store(inbox, stranger(), "full", T0.plus(Duration.ofDays(29))));

        int expired = new RequestExpiry(db).expireBefore(T0.plus(Duration.ofDays(1)));

        assertEquals(1, expired);
        assertEquals(
                List.of(recent),
                contacts.requests(0, 10, 200).stream().map(Contact::address).toList());
        assertEquals(List.of(), history.last(old, 10), "its message is gone");
        assertTrue(contacts.find(old).isEmpty(), "an address with nothing left to remember is forgotten");
        assertEquals(Inbox.Outcome.STORED, store(inbox, stranger(), "room again", T0.plus(Duration.ofDays(30))));
    }

    @Test
    void expiryKeepsTheHistoryOfAFormerContactAndItsBlock() throws Exception {
        Inbox inbox = inbox(RequestLimits.of(new Settings.Builder().build()));
        OnionAddress former = stranger();
        contacts.add(former, "Former", T0);
        store(inbox, former, "while a contact", T0);
        contacts.remove(former);
        store(inbox, former, "after removal", T0.plus(Duration.ofDays(2)));
        OnionAddress pest = stranger();
        store(inbox, pest, "spam", T0);
        contacts.block(pest, T0);

        new RequestExpiry(db).expireBefore(T0.plus(Duration.ofDays(10)));

        assertEquals(
                List.of("while a contact"),
                history.last(former, 10).stream().map(StoredMessage::text).toList());
        assertEquals(ContactState.STRANGER, contacts.find(former).orElseThrow().state());
        assertTrue(contacts.find(pest).orElseThrow().blocked(), "the block stays");
        assertEquals(0, contacts.pendingRequests());
    }

    @Test
    void whatTheUserHasReadNoLongerCountsSoAConversationWithAStrangerGoesOn() throws Exception {
        Inbox inbox = inbox(new RequestLimits(1, 2, 10_000, 1_000_000));
        OnionAddress talker = stranger();
        for (int round = 0; round < 5; round++) {
            store(inbox, talker, "line a" + round, T0);
            store(inbox, talker, "line b" + round, T0);
            assertThrows(PeerLimitException.class, () -> store(inbox, talker, "one too many", T0));
            assertThrows(PeerLimitException.class, () -> store(inbox, stranger(), "no room", T0), "it is pending");
            inbox.popOldestUnread(talker).orElseThrow();
            inbox.popOldestUnread(talker).orElseThrow();
        }
        assertEquals(10, history.last(talker, 100).size());
        assertEquals(0, contacts.pendingRequests(), "all read: nothing waits for the user");
        assertEquals(1, contacts.requestCount(), "still a request, to accept or block");
        assertEquals(Inbox.Outcome.STORED, store(inbox, stranger(), "now there is room", T0));
    }

    @Test
    void expiryDropsOnlyWhatWasNeverReadAndKeepsARequestThatWasRead() throws Exception {
        Inbox inbox = inbox(RequestLimits.of(new Settings.Builder().build()));
        OnionAddress partly = stranger();
        store(inbox, partly, "read", T0);
        store(inbox, partly, "never read", T0);
        inbox.popOldestUnread(partly).orElseThrow();
        OnionAddress read = stranger();
        store(inbox, read, "all read", T0);
        inbox.popOldestUnread(read).orElseThrow();

        assertEquals(1, new RequestExpiry(db).expireBefore(T0.plus(Duration.ofDays(1))));

        assertEquals(
                List.of("read"),
                history.last(partly, 10).stream().map(StoredMessage::text).toList());
        assertEquals(
                List.of("all read"),
                history.last(read, 10).stream().map(StoredMessage::text).toList());
        assertEquals(0, contacts.find(partly).orElseThrow().unread());
        assertEquals(2, contacts.requestCount(), "both still listed: each holds a message the user has seen");
        assertEquals(0, contacts.pendingRequests());
    }

    @Test
    void theRequestsTokenChangesWithTheListAndOnlyThen() throws Exception {
        Inbox inbox = inbox(new RequestLimits(2, 2, 20_000, 1_000_000));
        java.util.Set<String> seen = new java.util.HashSet<>();
        String empty = contacts.requestsVersion();
        seen.add(empty);
        OnionAddress one = stranger();
        store(inbox, one, "hello", T0);
        assertTrue(seen.add(contacts.requestsVersion()), "a new request");
        store(inbox, one, "again", T0);
        assertTrue(seen.add(contacts.requestsVersion()), "a request grew");
        String full = contacts.requestsVersion();
        assertThrows(PeerLimitException.class, () -> store(inbox, one, "refused", T0));
        store(inbox, FRIEND, "a contact's message", T0);
        assertEquals(full, contacts.requestsVersion(), "refusals and contacts change nothing");
        inbox.popOldestUnread(one).orElseThrow();
        assertNotEquals(full, contacts.requestsVersion(), "a request read");
        contacts.accept(one, null, T0);
        assertEquals(empty, contacts.requestsVersion(), "accepted: the list is empty again");
    }
}
