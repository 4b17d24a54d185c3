package org.torchat.daemon.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Database;
import org.torchat.daemon.store.Direction;
import org.torchat.daemon.store.History;
import org.torchat.daemon.store.Inbox;
import org.torchat.daemon.store.MessageStatus;
import org.torchat.daemon.store.StoredMessage;
import org.torchat.daemon.store.UnreadLimits;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.MessageCodec;
import org.torchat.protocol.TextLimits;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;

class RecvHandlerTest {
    private static final OnionAddress SELF = Ed25519Identity.generate().onionAddress();
    private static final OnionAddress BOB = Ed25519Identity.generate().onionAddress();
    private static final OnionAddress CAROL = Ed25519Identity.generate().onionAddress();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T18:57:47Z"), ZoneOffset.UTC);
    private static final String MID = "5f3c2a1b0e9d8c7b6a5f4e3d2c1b0a99";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Database db;
    private Inbox store;
    private History history;
    private RecvHandler handler;
    private final List<Message> replies = new ArrayList<>();

    RecvHandlerTest() throws Exception {
        use(new UnreadLimits(1000, 1_000_000));
    }

    private void use(UnreadLimits limits) throws Exception {
        if (db != null) {
            db.close();
        }
        db = Database.inMemory();
        store = new Inbox(db, limits);
        history = new History(db);
        handler = new RecvHandler(SELF, store, CLOCK, false);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    /** A RECV as the original C daemon sends it: no id, no timestamp. */
    private static Message recv(String id, String msg) {
        return Message.of(Command.RECV, id, 80, msg).withDate("12:00:00 2017");
    }

    /** A RECV as a TORchat for Java daemon sends it. */
    private static Message recv(OnionAddress from, String msg, String mid, long ts) {
        return recv(from.hostname(), msg)
                .withExtension(Extensions.MESSAGE_ID, NODES.textNode(mid))
                .withExtension(Extensions.TIMESTAMP, NODES.numberNode(ts))
                .withExtension(Extensions.PROTO, NODES.numberNode(2));
    }

    private List<StoredMessage> stored(OnionAddress peer) {
        return history.last(peer, 1000);
    }

    @Test
    void storesTheMessageWithIdAndBothTimesThenAcknowledgesWithTheId() throws Exception {
        long ts = Instant.parse("2026-11-25T18:57:40Z").toEpochMilli();

        handler.handle(recv(BOB, "hello alice", MID, ts), replies::add);

        StoredMessage m = store.popOldestUnread(BOB).orElseThrow();
        assertEquals("hello alice", m.text());
        assertEquals(MID, m.messageId());
        assertEquals(Instant.ofEpochMilli(ts), m.sentAt());
        assertEquals(CLOCK.instant(), m.receivedAt());
        assertEquals(Direction.IN, m.direction());
        assertEquals(MessageStatus.RECEIVED, m.status());
        assertEquals(1, replies.size());
        assertEquals("{\"cmd\":\"END\",\"id\":\"" + SELF + "\",\"mid\":\"" + MID + "\",\"msg\":\"\",\"portno\":80,\"proto\":"
                + Extensions.PROTOCOL_VERSION + "}", MessageCodec.encode(replies.get(0)));
    }

    @Test
    void aMessageWithoutAnIdIsStoredUnderAFreshOneAndAcknowledgedWithIt() throws Exception {
        handler.handle(recv(BOB.hostname(), "from the C daemon"), replies::add);
        handler.handle(recv(BOB.hostname(), "from the C daemon"), replies::add);

        List<StoredMessage> all = stored(BOB);
        assertEquals(2, all.size(), "without ids, a repeat cannot be recognised: both are kept");
        String mid = all.get(0).messageId();
        assertTrue(mid.matches("[0-9a-f]{32}"), mid);
        assertTrue(!mid.equals(all.get(1).messageId()));
        assertNull(all.get(0).sentAt(), "the C daemon does not say when it sent");
        assertEquals(mid, replies.get(0).extension(Extensions.MESSAGE_ID).orElseThrow().textValue());
        assertEquals(Command.END, replies.get(0).cmd());
    }

    @Test
    void aRepeatedIdIsStoredOnceAndAcknowledgedAgain() throws Exception {
        handler.handle(recv(BOB, "hello", MID, 1000), replies::add);
        handler.handle(recv(BOB, "hello", MID, 1000), replies::add);

        assertEquals(1, stored(BOB).size());
        assertEquals(2, replies.size());
        assertEquals(replies.get(0), replies.get(1));
        assertEquals(MID, replies.get(1).extension(Extensions.MESSAGE_ID).orElseThrow().textValue());
        assertEquals("hello", store.popOldestUnread(BOB).orElseThrow().text());
        assertTrue(store.popOldestUnread(BOB).isEmpty());
    }

    @Test
    void theSameIdFromAnotherPeerIsAnotherMessage() throws Exception {
        handler.handle(recv(BOB, "from bob", MID, 1000), replies::add);
        handler.handle(recv(CAROL, "from carol", MID, 1000), replies::add);

        assertEquals(1, stored(BOB).size());
        assertEquals(1, stored(CAROL).size());
    }

    @Test
    void idsOfSixteenToSixtyFourSafeCharactersAreAccepted() throws Exception {
        handler.handle(recv(BOB, "a", "abcdefghijklmnop", 1), replies::add);
        handler.handle(recv(BOB, "b", "A-_9".repeat(16), 1), replies::add);

        assertEquals(List.of("abcdefghijklmnop", "A-_9".repeat(16)),
                stored(BOB).stream().map(StoredMessage::messageId).toList());
    }

    static Stream<JsonNode> badIds() {
        return Stream.of(NODES.textNode(""), NODES.textNode("short"), NODES.textNode("abcdefghijklmno"),
                NODES.textNode("x".repeat(65)), NODES.textNode("has spaces in it ok"), NODES.textNode("../../etc/passwd00"),
                NODES.textNode("quote\"quote\"quote\""), NODES.textNode("\u00e9".repeat(20)),
                NODES.numberNode(1234567890123456789L), NODES.nullNode(), NODES.booleanNode(true), NODES.objectNode());
    }

    @ParameterizedTest
    @MethodSource("badIds")
    void aBadIdIsRefusedWithoutStoring(JsonNode mid) {
        Message request = recv(BOB.hostname(), "hi").withExtension(Extensions.MESSAGE_ID, mid);

        RequestException e = assertThrows(RequestException.class, () -> handler.handle(request, replies::add));

        assertTrue(e.getMessage().startsWith("field 'mid' "), e.getMessage());
        assertEquals(List.of(), stored(BOB));
        assertEquals(List.of(), replies);
    }

    static Stream<JsonNode> badTimestamps() {
        return Stream.of(NODES.textNode("1700000000000"), NODES.numberNode(-1), NODES.numberNode(1.5),
                NODES.numberNode(new java.math.BigInteger("99999999999999999999999")), NODES.nullNode(),
                NODES.booleanNode(false));
    }

    @ParameterizedTest
    @MethodSource("badTimestamps")
    void aBadTimestampIsRefusedWithoutStoring(JsonNode ts) {
        Message request = recv(BOB.hostname(), "hi")
                .withExtension(Extensions.MESSAGE_ID, NODES.textNode(MID))
                .withExtension(Extensions.TIMESTAMP, ts);

        RequestException e = assertThrows(RequestException.class, () -> handler.handle(request, replies::add));

        assertTrue(e.getMessage().startsWith("field 'ts' "), e.getMessage());
        assertEquals(List.of(), stored(BOB));
        assertEquals(List.of(), replies);
    }

    @Test
    void aTimestampOfZeroIsAccepted() throws Exception {
        handler.handle(recv(BOB, "epoch", MID, 0), replies::add);

        assertEquals(Instant.EPOCH, stored(BOB).get(0).sentAt());
    }

    @Test
    void overTheUnreadCapNothingIsStoredAndThePeerIsToldSo() throws Exception {
        use(new UnreadLimits(2, 1_000_000));
        handler.handle(recv(BOB.hostname(), "one"), replies::add);
        handler.handle(recv(BOB.hostname(), "two"), replies::add);
        replies.clear();

        RequestException e = assertThrows(RequestException.class,
                () -> handler.handle(recv(BOB.hostname(), "three"), replies::add));

        assertTrue(e.getMessage().startsWith("not stored: "), e.getMessage());
        assertTrue(e.getMessage().contains("limit 2"), e.getMessage());
        assertEquals(List.of(), replies, "no acknowledgement for what was not stored");
        assertEquals(2, stored(BOB).size());

        store.popOldestUnread(BOB);
        handler.handle(recv(BOB.hostname(), "three"), replies::add);
        assertEquals(3, stored(BOB).size());
    }

    @Test
    void overTheByteCapNothingIsStored() throws Exception {
        use(new UnreadLimits(1000, 10));

        RequestException e = assertThrows(RequestException.class,
                () -> handler.handle(recv(BOB.hostname(), "eleven byte"), replies::add));

        assertTrue(e.getMessage().startsWith("not stored: "), e.getMessage());
        assertTrue(e.getMessage().contains("bytes"), e.getMessage());
        assertEquals(List.of(), stored(BOB));
    }

    @Test
    void aRepeatOfAStoredMessageIsAcknowledgedEvenAtTheCap() throws Exception {
        use(new UnreadLimits(1, 1_000_000));
        handler.handle(recv(BOB, "one", MID, 1), replies::add);

        handler.handle(recv(BOB, "one", MID, 1), replies::add);

        assertEquals(2, replies.size());
        assertEquals(Command.END, replies.get(1).cmd());
    }

    @Test
    void aTextOverTheLimitIsRefusedWithoutStoring() throws Exception {
        RequestException e = assertThrows(RequestException.class, () -> handler.handle(
                recv(BOB.hostname(), "x".repeat(TextLimits.MAX_ENCODED_BYTES + 1)), replies::add));

        assertTrue(e.getMessage().startsWith("message too long"), e.getMessage());
        assertEquals(List.of(), stored(BOB));

        handler.handle(recv(BOB.hostname(), "x".repeat(TextLimits.MAX_ENCODED_BYTES)), replies::add);
        assertEquals(1, stored(BOB).size());
    }

    @Test
    void theSenderIsStoredUnderItsCanonicalAddress() throws Exception {
        handler.handle(recv(BOB.serviceId().toUpperCase(), "no suffix, upper case"), replies::add);
        handler.handle(recv(BOB.hostname().toUpperCase(), "upper case with suffix"), replies::add);

        assertEquals(List.of(BOB), store.peersWithUnread());
        assertEquals("no suffix, upper case", store.popOldestUnread(BOB).orElseThrow().text());
        assertEquals("upper case with suffix", store.popOldestUnread(BOB).orElseThrow().text());
    }

    @Test
    void theTextIsStoredExactly() throws Exception {
        String text = "h\u00e9llo \u2713 \"q\" back\\slash\nnewline";

        handler.handle(recv(BOB.hostname(), text), replies::add);

        assertEquals(text, store.popOldestUnread(BOB).orElseThrow().text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bobbobbobbobbob2.onion", "bobbobbobbobbob2", "localhost", "", "alice"})
    void aSenderThatIsNotAV3AddressIsRefusedWithoutStoring(String id) {
        RequestException e = assertThrows(RequestException.class, () -> handler.handle(recv(id, "hi"), replies::add));

        assertTrue(e.getMessage().startsWith("field 'id': "), e.getMessage());
        assertEquals(List.of(), store.peersWithUnread());
        assertEquals(List.of(), replies);
    }

    @Test
    void aV2SenderIsToldV2IsGone() {
        RequestException e = assertThrows(RequestException.class,
                () -> handler.handle(recv("bobbobbobbobbob2.onion", "hi"), replies::add));

        assertTrue(e.getMessage().contains("v2"), e.getMessage());
    }

    @Test
    void aWrongChecksumIsRefused() {
        String id = BOB.serviceId();
        char last = id.charAt(50);
        String typo = id.substring(0, 50) + (last == 'a' ? 'b' : 'a') + id.substring(51) + ".onion";

        assertThrows(RequestException.class, () -> handler.handle(recv(typo, "hi"), replies::add));
        assertEquals(List.of(), store.peersWithUnread());
    }

    @Test
    void anEmptyMessageIsRefusedWithoutStoring() {
        RequestException e = assertThrows(RequestException.class,
                () -> handler.handle(recv(BOB.hostname(), ""), replies::add));

        assertTrue(e.getMessage().contains("field 'msg' is empty"), e.getMessage());
        assertEquals(List.of(), store.peersWithUnread());
        assertEquals(List.of(), replies);
    }
}
