package org.torchat.daemon.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Contacts;
import org.torchat.daemon.store.Database;
import org.torchat.daemon.store.History;
import org.torchat.daemon.store.Inbox;
import org.torchat.daemon.store.MessageIds;
import org.torchat.daemon.store.PeerLimitException;
import org.torchat.daemon.store.StoredMessage;
import org.torchat.daemon.store.UnreadLimits;
import org.torchat.protocol.Command;
import org.torchat.protocol.Message;
import org.torchat.protocol.MessageCodec;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;

class UpdateHandlerTest {
    private static final OnionAddress BOB = Ed25519Identity.generate().onionAddress();
    private static final OnionAddress CAROL = Ed25519Identity.generate().onionAddress();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T18:57:30Z"), ZoneOffset.UTC);

    private final Database db;
    private final Inbox store;
    private final List<Message> replies = new ArrayList<>();

    UpdateHandlerTest() throws Exception {
        db = Database.inMemory();
        store = new Inbox(db, new UnreadLimits(1000, 1_000_000));
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    private static Message update(String peer, int portno) {
        return Message.of(Command.UPDATE, "localhost", portno, peer).withDate("18:57:48 2026");
    }

    private void receive(OnionAddress from, String text, Instant at) {
        try {
            store.store(from, MessageIds.random(), text, at.minusSeconds(30), at);
        } catch (PeerLimitException e) {
            throw new AssertionError(e);
        }
    }

    private String handle(UpdateHandler handler, Message request) throws Exception {
        replies.clear();
        handler.handle(request, replies::add);
        assertEquals(1, replies.size(), "one reply per UPDATE");
        return MessageCodec.encode(replies.get(0));
    }

    @Test
    void popsTheOldestAndAnswersRecvWithArrivalTimeAndEchoedPortno() throws Exception {
        UpdateHandler handler = new UpdateHandler(store, new PeerResolver(new Contacts(db)), CLOCK.getZone());
        receive(BOB, "hello alice", CLOCK.instant());
        receive(BOB, "second message", CLOCK.instant().plusSeconds(3600 + 125));

        assertEquals(
                "{\"cmd\":\"RECV\",\"date\":\"18:57\",\"id\":\"" + BOB + "\",\"msg\":\"hello alice\",\"portno\":1234,"
                        + "\"verified\":false}",
                handle(handler, update(BOB.hostname(), 1234)));
        assertEquals(
                "{\"cmd\":\"RECV\",\"date\":\"19:59\",\"id\":\"" + BOB
                        + "\",\"msg\":\"second message\",\"portno\":8000," + "\"verified\":false}",
                handle(handler, update(BOB.hostname(), 8000)));
        assertEquals(
                "{\"cmd\":\"END\",\"id\":\"" + BOB + "\",\"msg\":\"" + BOB + "\",\"portno\":8000}",
                handle(handler, update(BOB.hostname(), 8000)));
        assertEquals(List.of(), store.peersWithUnread());
    }

    @Test
    void nothingUnreadIsEndNamingThePeerTwice() throws Exception {
        UpdateHandler handler = new UpdateHandler(store, new PeerResolver(new Contacts(db)), ZoneOffset.UTC);

        assertEquals(
                "{\"cmd\":\"END\",\"id\":\"" + BOB + "\",\"msg\":\"" + BOB + "\",\"portno\":8000}",
                handle(handler, update(BOB.hostname(), 8000)));
    }

    @Test
    void onlyTheNamedPeersMessageIsPopped() throws Exception {
        UpdateHandler handler = new UpdateHandler(store, new PeerResolver(new Contacts(db)), ZoneOffset.UTC);
        receive(CAROL, "from carol", CLOCK.instant());
        receive(BOB, "from bob", CLOCK.instant());

        handle(handler, update(BOB.hostname(), 8000));

        assertEquals(BOB.hostname(), replies.get(0).id());
        assertEquals("from bob", replies.get(0).msg());
        assertEquals(List.of(CAROL), store.peersWithUnread());
    }

    @Test
    void theArrivalTimeIsShownInTheDaemonsZone() throws Exception {
        receive(BOB, "late", Instant.parse("2026-11-25T23:05:00Z"));

        handle(
                new UpdateHandler(store, new PeerResolver(new Contacts(db)), ZoneOffset.ofHours(2)),
                update(BOB.hostname(), 8000));

        assertEquals("01:05", replies.get(0).date(), "24-hour clock, zero-padded, local time");
    }

    @Test
    void thePeerIsAcceptedInAnySpellingAndAnsweredCanonically() throws Exception {
        UpdateHandler handler = new UpdateHandler(store, new PeerResolver(new Contacts(db)), ZoneOffset.UTC);
        receive(BOB, "hi", CLOCK.instant());

        handle(handler, update(BOB.serviceId().toUpperCase(), 8000));

        assertEquals(Command.RECV, replies.get(0).cmd());
        assertEquals(BOB.hostname(), replies.get(0).id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "bob", "not an onion at all.onion"})
    void aMsgThatIsNotAnOnionAddressIsRefused(String peer) {
        UpdateHandler handler = new UpdateHandler(store, new PeerResolver(new Contacts(db)), ZoneOffset.UTC);
        receive(BOB, "hi", CLOCK.instant());

        RequestException e =
                assertThrows(RequestException.class, () -> handler.handle(update(peer, 8000), replies::add));

        assertTrue(e.getMessage().startsWith("field 'msg': "), e.getMessage());
        assertEquals(List.of(), replies);
        assertEquals(List.of(BOB), store.peersWithUnread());
    }

    @Test
    void aV2AddressIsRefusedSayingSo() {
        UpdateHandler handler = new UpdateHandler(store, new PeerResolver(new Contacts(db)), ZoneOffset.UTC);

        RequestException e = assertThrows(
                RequestException.class, () -> handler.handle(update("bobbobbobbobbob2.onion", 8000), replies::add));

        assertTrue(e.getMessage().startsWith("field 'msg': "), e.getMessage());
        assertTrue(e.getMessage().contains("v2"), e.getMessage());
        assertEquals(List.of(), replies);
    }

    @Test
    void aPoppedMessageStaysInHistoryAndIsNotPoppedAgain() throws Exception {
        UpdateHandler handler = new UpdateHandler(store, new PeerResolver(new Contacts(db)), ZoneOffset.UTC);
        receive(BOB, "keep me", CLOCK.instant());

        handle(handler, update(BOB.hostname(), 8000));
        assertEquals(
                Command.END,
                MessageCodec.decode(handle(handler, update(BOB.hostname(), 8000)))
                        .cmd());

        List<StoredMessage> history = new History(db).last(BOB, 10);
        assertEquals(1, history.size());
        assertEquals("keep me", history.get(0).text());
    }

    @Test
    void theDateIsTheArrivalTimeNotTheSendersTime() throws Exception {
        // receive() stores a sender's time 30 s earlier: across a minute boundary the two differ.
        receive(BOB, "hi", Instant.parse("2026-11-25T19:00:10Z"));

        handle(
                new UpdateHandler(store, new PeerResolver(new Contacts(db)), ZoneOffset.UTC),
                update(BOB.hostname(), 8000));

        assertEquals("19:00", replies.get(0).date());
    }

    @Test
    void aSignedMessageIsMarkedVerifiedAndAnUnsignedOneNot() throws Exception {
        UpdateHandler handler = new UpdateHandler(store, new PeerResolver(new Contacts(db)), CLOCK.getZone());
        store.store(BOB, "0123456789abcdef0001", "signed", null, CLOCK.instant(), true, null);
        store.store(BOB, "0123456789abcdef0002", "unsigned", null, CLOCK.instant(), false, null);

        assertTrue(handle(handler, update(BOB.hostname(), 1)).endsWith(",\"verified\":true}"));
        assertTrue(handle(handler, update(BOB.hostname(), 1)).endsWith(",\"verified\":false}"));
    }
}
