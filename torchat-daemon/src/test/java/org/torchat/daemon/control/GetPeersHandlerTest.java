package org.torchat.daemon.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.torchat.daemon.store.Database;
import org.torchat.daemon.store.Inbox;
import org.torchat.daemon.store.MessageIds;
import org.torchat.daemon.store.UnreadLimits;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Frames;
import org.torchat.protocol.Message;
import org.torchat.protocol.MessageCodec;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;

class GetPeersHandlerTest {
    private static final OnionAddress BOB = Ed25519Identity.generate().onionAddress();
    private static final OnionAddress CAROL = Ed25519Identity.generate().onionAddress();
    private static final Instant NOW = Instant.parse("2026-11-25T18:57:00Z");

    private final Database db;
    private final Inbox store;
    private final GetPeersHandler handler;
    private final List<Message> replies = new ArrayList<>();

    GetPeersHandlerTest() throws Exception {
        db = Database.inMemory();
        store = new Inbox(db, new UnreadLimits(1000, 1_000_000));
        handler = new GetPeersHandler(store);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    private void receive(OnionAddress from, String text, Instant at) throws Exception {
        store.store(from, MessageIds.random(), text, null, at);
    }

    private String handle(String id, int portno) throws Exception {
        handler.handle(Message.of(Command.GET_PEERS, id, portno, ""), replies::add);
        assertEquals(1, replies.size());
        return MessageCodec.encode(replies.get(0));
    }

    @Test
    void noUnreadMessagesIsAnEmptyList() throws Exception {
        assertEquals(
                "{\"cmd\":\"GET_PEERS\",\"id\":\"localhost\",\"msg\":\"\",\"portno\":8000}", handle("localhost", 8000));
    }

    @Test
    void peersAreCommaJoinedWithoutSpacesInOrderOfFirstArrival() throws Exception {
        receive(CAROL, "from carol", NOW);
        receive(BOB, "from bob", NOW.plusSeconds(1));
        receive(CAROL, "carol again", NOW.plusSeconds(2));

        assertEquals(
                "{\"cmd\":\"GET_PEERS\",\"id\":\"localhost\",\"msg\":\"" + CAROL + "," + BOB + "\",\"portno\":8000}",
                handle("localhost", 8000));
    }

    @Test
    void idAndPortnoAreEchoed() throws Exception {
        receive(BOB, "x", NOW);

        handle("some-client", 4321);

        assertEquals("some-client", replies.get(0).id());
        assertEquals(4321, replies.get(0).portno());
        assertEquals(BOB.hostname(), replies.get(0).msg());
    }

    @Test
    void listingPeersReadsNothing() throws Exception {
        receive(BOB, "x", NOW);

        handle("localhost", 8000);

        assertEquals(List.of(BOB), store.peersWithUnread());
    }

    @Test
    void aPeerWhoseMessagesWereAllReadIsNotListed() throws Exception {
        receive(BOB, "b", NOW);
        receive(CAROL, "c", NOW);
        store.popOldestUnread(BOB);

        handle("localhost", 8000);

        assertEquals(CAROL.hostname(), replies.get(0).msg());
    }

    @Test
    void aThousandPeersWithUnreadMessagesFitInOneFrameTheLongestWaitingFirstAndTheRestCounted() throws Exception {
        List<OnionAddress> peers = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            OnionAddress peer = Ed25519Identity.generate().onionAddress();
            peers.add(peer);
            receive(peer, "hello " + i, NOW.plusSeconds(i));
        }

        String frame = handle("localhost", 65535);

        assertTrue(frame.getBytes(StandardCharsets.UTF_8).length <= Frames.MAX_PAYLOAD, "reply fits in a frame");
        List<String> expected = peers.subList(0, GetPeersHandler.MAX_PEERS).stream()
                .map(OnionAddress::hostname)
                .toList();
        assertEquals(String.join(",", expected), replies.get(0).msg());
        assertEquals(
                1000 - GetPeersHandler.MAX_PEERS,
                replies.get(0).extension(Extensions.MORE).orElseThrow().asInt());
    }

    @Test
    void aCompleteListSaysNothingMore() throws Exception {
        receive(BOB, "b", NOW);

        handle("localhost", 8000);

        assertFalse(replies.get(0).extension(Extensions.MORE).isPresent());
    }

    @Test
    void withTheRequestsTokenEveryReplyCarriesItAndItChangesWithTheRequests() throws Exception {
        org.torchat.daemon.store.Contacts contacts = new org.torchat.daemon.store.Contacts(db);
        GetPeersHandler withToken = new GetPeersHandler(
                store, new ChangeTokens(store.changes()).computed("requests", contacts::requestsVersion));
        Message polling = Message.of(Command.GET_PEERS, "localhost", 8000, "")
                .withExtension("wait", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.numberNode(0));
        withToken.handle(polling, replies::add);
        receive(CAROL, "a stranger's first word", NOW);
        withToken.handle(polling, replies::add);
        withToken.handle(Message.of(Command.GET_PEERS, "localhost", 8000, ""), replies::add);
        String before = replies.get(0).extension("requests").orElseThrow().textValue();
        String after = replies.get(1).extension("requests").orElseThrow().textValue();
        assertEquals(contacts.requestsVersion(), after);
        assertTrue(!before.equals(after), before + " then " + after);
        assertTrue(
                replies.get(2).extension("requests").isEmpty(),
                "the seed's client, which never waits, gets the " + "seed's bytes");
    }
}
