package org.torchat.daemon.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
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
import org.torchat.daemon.store.Contacts;
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
import org.torchat.protocol.signature.MessageSignatures;
import org.torchat.protocol.signature.SignedFields;

class RecvHandlerTest {
    private static final OnionAddress SELF = Ed25519Identity.generate().onionAddress();
    private static final Ed25519Identity BOB_KEY = Ed25519Identity.generate();
    private static final OnionAddress BOB = BOB_KEY.onionAddress();
    private static final Ed25519Identity CAROL_KEY = Ed25519Identity.generate();
    private static final OnionAddress CAROL = CAROL_KEY.onionAddress();
    private static final Ed25519Identity MALLORY_KEY = Ed25519Identity.generate();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T18:57:47Z"), ZoneOffset.UTC);
    /** A recent send time: well inside the replay window. */
    private static final long TS = CLOCK.millis() - 7_000;

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
        handler = new RecvHandler(SELF, store, SenderGate.unlimited(new Contacts(db)::standing), CLOCK, false);
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
        assertEquals(
                "{\"cmd\":\"END\",\"id\":\"" + SELF + "\",\"mid\":\"" + MID + "\",\"msg\":\"\",\"portno\":80,\"proto\":"
                        + Extensions.PROTOCOL_VERSION + "}",
                MessageCodec.encode(replies.get(0)));
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
        assertEquals(
                mid,
                replies.get(0).extension(Extensions.MESSAGE_ID).orElseThrow().textValue());
        assertEquals(Command.END, replies.get(0).cmd());
    }

    @Test
    void aRepeatedIdIsStoredOnceAndAcknowledgedAgain() throws Exception {
        handler.handle(recv(BOB, "hello", MID, TS), replies::add);
        handler.handle(recv(BOB, "hello", MID, TS), replies::add);

        assertEquals(1, stored(BOB).size());
        assertEquals(2, replies.size());
        assertEquals(replies.get(0), replies.get(1));
        assertEquals(
                MID,
                replies.get(1).extension(Extensions.MESSAGE_ID).orElseThrow().textValue());
        assertEquals("hello", store.popOldestUnread(BOB).orElseThrow().text());
        assertTrue(store.popOldestUnread(BOB).isEmpty());
    }

    @Test
    void theSameIdFromAnotherPeerIsAnotherMessage() throws Exception {
        handler.handle(recv(BOB, "from bob", MID, TS), replies::add);
        handler.handle(recv(CAROL, "from carol", MID, TS), replies::add);

        assertEquals(1, stored(BOB).size());
        assertEquals(1, stored(CAROL).size());
    }

    @Test
    void idsOfSixteenToSixtyFourSafeCharactersAreAccepted() throws Exception {
        handler.handle(recv(BOB, "a", "abcdefghijklmnop", TS), replies::add);
        handler.handle(recv(BOB, "b", "A-_9".repeat(16), TS), replies::add);

        assertEquals(
                List.of("abcdefghijklmnop", "A-_9".repeat(16)),
                stored(BOB).stream().map(StoredMessage::messageId).toList());
    }

    static Stream<JsonNode> badIds() {
        return Stream.of(
                NODES.textNode(""),
                NODES.textNode("short"),
                NODES.textNode("abcdefghijklmno"),
                NODES.textNode("x".repeat(65)),
                NODES.textNode("has spaces in it ok"),
                NODES.textNode("../../etc/passwd00"),
                NODES.textNode("quote\"quote\"quote\""),
                NODES.textNode("\u00e9".repeat(20)),
                NODES.numberNode(1234567890123456789L),
                NODES.nullNode(),
                NODES.booleanNode(true),
                NODES.objectNode());
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
        return Stream.of(
                NODES.textNode("1700000000000"),
                NODES.numberNode(-1),
                NODES.numberNode(1.5),
                NODES.numberNode(new java.math.BigInteger("99999999999999999999999")),
                NODES.nullNode(),
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
    void aTimestampOfZeroIsWellFormedButFarTooOld() {
        RequestException e =
                assertThrows(RequestException.class, () -> handler.handle(recv(BOB, "epoch", MID, 0), replies::add));

        assertTrue(e.getMessage().startsWith("too old: "), e.getMessage());
        assertEquals(List.of(), stored(BOB));
    }

    @Test
    void overTheUnreadCapNothingIsStoredAndThePeerIsToldSo() throws Exception {
        use(new UnreadLimits(2, 1_000_000));
        handler.handle(recv(BOB.hostname(), "one"), replies::add);
        handler.handle(recv(BOB.hostname(), "two"), replies::add);
        replies.clear();

        RequestException e =
                assertThrows(RequestException.class, () -> handler.handle(recv(BOB.hostname(), "three"), replies::add));

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

        RequestException e = assertThrows(
                RequestException.class, () -> handler.handle(recv(BOB.hostname(), "eleven byte"), replies::add));

        assertTrue(e.getMessage().startsWith("not stored: "), e.getMessage());
        assertTrue(e.getMessage().contains("bytes"), e.getMessage());
        assertEquals(List.of(), stored(BOB));
    }

    @Test
    void aRepeatOfAStoredMessageIsAcknowledgedEvenAtTheCap() throws Exception {
        use(new UnreadLimits(1, 1_000_000));
        handler.handle(recv(BOB, "one", MID, TS), replies::add);

        handler.handle(recv(BOB, "one", MID, TS), replies::add);

        assertEquals(2, replies.size());
        assertEquals(Command.END, replies.get(1).cmd());
    }

    @Test
    void aTextOverTheLimitIsRefusedWithoutStoring() throws Exception {
        RequestException e = assertThrows(
                RequestException.class,
                () -> handler.handle(recv(BOB.hostname(), "x".repeat(TextLimits.MAX_ENCODED_BYTES + 1)), replies::add));

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
        assertEquals(
                "no suffix, upper case",
                store.popOldestUnread(BOB).orElseThrow().text());
        assertEquals(
                "upper case with suffix",
                store.popOldestUnread(BOB).orElseThrow().text());
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
        RequestException e = assertThrows(
                RequestException.class, () -> handler.handle(recv("bobbobbobbobbob2.onion", "hi"), replies::add));

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
        RequestException e =
                assertThrows(RequestException.class, () -> handler.handle(recv(BOB.hostname(), ""), replies::add));

        assertTrue(e.getMessage().contains("field 'msg' is empty"), e.getMessage());
        assertEquals(List.of(), store.peersWithUnread());
        assertEquals(List.of(), replies);
    }

    // --- signatures -------------------------------------------------------------------------------------------

    /** A RECV as a TORchat for Java daemon with key {@code from} sends it to {@code to}: signed. */
    private static Message signed(Ed25519Identity from, OnionAddress to, String msg, String mid, long ts) {
        return signedAs(from.onionAddress(), from, to, msg, mid, ts);
    }

    /** A RECV claiming to be from {@code claimed}, signed with {@code key} (a forgery when they differ). */
    private static Message signedAs(
            OnionAddress claimed, Ed25519Identity key, OnionAddress to, String msg, String mid, long ts) {
        byte[] sig = key.sign(MessageSignatures.encode(new SignedFields(claimed, to, mid, ts, msg)));
        return recv(claimed, msg, mid, ts)
                .withExtension(Extensions.SIGNATURE, NODES.textNode(MessageSignatures.toBase64(sig)));
    }

    private RecvHandler handler(Clock clock, boolean requireSignatures) {
        return new RecvHandler(
                SELF,
                store,
                SenderGate.unlimited(new Contacts(db)::standing),
                clock,
                false,
                requireSignatures,
                RecvHandler.DEFAULT_MAX_AGE,
                RecvHandler.DEFAULT_MAX_AHEAD);
    }

    private void assertNothingStored() {
        assertEquals(List.of(), stored(BOB));
        assertEquals(List.of(), store.peersWithUnread());
        assertFalse(history.peerVerified(BOB));
        assertEquals(List.of(), replies, "no acknowledgement");
    }

    @Test
    void aMessageSignedByTheSenderForUsIsStoredAsVerified() throws Exception {
        handler.handle(signed(BOB_KEY, SELF, "signed hello", MID, TS), replies::add);

        StoredMessage m = stored(BOB).get(0);
        assertTrue(m.verified());
        assertEquals("signed hello", m.text());
        assertEquals(MID, m.messageId());
        assertTrue(history.peerVerified(BOB));
        assertEquals(Command.END, replies.get(0).cmd());
        assertEquals(
                MID,
                replies.get(0).extension(Extensions.MESSAGE_ID).orElseThrow().textValue());
    }

    @Test
    void anUnsignedMessageIsStoredAsUnverified() throws Exception {
        handler.handle(recv(BOB.hostname(), "from the C daemon"), replies::add);
        handler.handle(recv(BOB, "v2 frame without a signature", MID, TS), replies::add);

        assertEquals(
                List.of(false, false),
                stored(BOB).stream().map(StoredMessage::verified).toList());
        assertFalse(history.peerVerified(BOB));
        assertEquals(2, replies.size());
    }

    @Test
    void anUnsignedMessageInTheNameOfAPeerThatSignsIsRefusedAsForged() throws Exception {
        handler.handle(signed(BOB_KEY, SELF, "signed", MID, TS), replies::add);

        RequestException e = assertThrows(
                RequestException.class, () -> handler.handle(recv(BOB.hostname(), "unsigned, as bob"), replies::add));

        assertTrue(e.getMessage().contains("most likely forged"), e.getMessage());
        assertEquals(
                List.of(true), stored(BOB).stream().map(StoredMessage::verified).toList(), "only the signed one");
        assertTrue(history.peerVerified(BOB), "the peer has proven once that it holds the key");
        handler.handle(recv(CAROL.hostname(), "carol never signed"), replies::add);
        assertEquals(
                List.of(false),
                stored(CAROL).stream().map(StoredMessage::verified).toList());
    }

    @Test
    void aMessageSignedByAnotherKeyIsRefusedAndNothingIsStored() {
        RequestException e = assertThrows(
                RequestException.class,
                () -> handler.handle(signedAs(BOB, MALLORY_KEY, SELF, "I am bob", MID, TS), replies::add));

        assertTrue(e.getMessage().startsWith("bad signature: "), e.getMessage());
        assertTrue(e.getMessage().contains(BOB.hostname()), e.getMessage());
        assertNothingStored();
    }

    @Test
    void aMessageSignedForAnotherRecipientIsRefused() {
        RequestException e = assertThrows(
                RequestException.class,
                () -> handler.handle(signed(BOB_KEY, CAROL, "meant for carol", MID, TS), replies::add));

        assertTrue(e.getMessage().startsWith("bad signature: "), e.getMessage());
        assertTrue(e.getMessage().contains("meant for another recipient"), e.getMessage());
        assertNothingStored();
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> alterations() {
        Message good = signed(BOB_KEY, SELF, "pay 10", MID, TS);
        return Stream.of(
                org.junit.jupiter.params.provider.Arguments.of(
                        "text",
                        new Message(good.cmd(), good.id(), good.portno(), "pay 1000", good.date(), good.extensions())),
                org.junit.jupiter.params.provider.Arguments.of(
                        "mid", good.withExtension(Extensions.MESSAGE_ID, NODES.textNode(MID.replace('5', '6')))),
                org.junit.jupiter.params.provider.Arguments.of(
                        "ts", good.withExtension(Extensions.TIMESTAMP, NODES.numberNode(TS + 1))),
                org.junit.jupiter.params.provider.Arguments.of(
                        "id, to another sender",
                        new Message(
                                good.cmd(),
                                CAROL.hostname(),
                                good.portno(),
                                good.msg(),
                                good.date(),
                                good.extensions())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alterations")
    void aSignedMessageAlteredInAnyFieldIsRefused(String field, Message altered) {
        RequestException e = assertThrows(RequestException.class, () -> handler.handle(altered, replies::add));

        assertTrue(e.getMessage().startsWith("bad signature: "), field + ": " + e.getMessage());
        assertNothingStored();
        assertEquals(List.of(), stored(CAROL));
    }

    @Test
    void theUnsignedFieldsMayChange() throws Exception {
        Message good = signed(BOB_KEY, SELF, "hi", MID, TS);
        Message otherDatePortAndVersion = new Message(
                        good.cmd(), good.id(), 11009, good.msg(), "other date", good.extensions())
                .withExtension(Extensions.PROTO, NODES.numberNode(3));

        handler.handle(otherDatePortAndVersion, replies::add);

        assertTrue(stored(BOB).get(0).verified());
    }

    @Test
    void theSenderMayWriteItsAddressInAnySpelling() throws Exception {
        Message good = signed(BOB_KEY, SELF, "hi", MID, TS);

        handler.handle(
                new Message(
                        good.cmd(),
                        BOB.serviceId().toUpperCase(),
                        good.portno(),
                        good.msg(),
                        good.date(),
                        good.extensions()),
                replies::add);

        assertTrue(stored(BOB).get(0).verified(), "the signature covers the canonical address");
    }

    static Stream<JsonNode> badSignatures() {
        String valid = MessageSignatures.toBase64(new byte[64]);
        return Stream.of(
                NODES.textNode(""),
                NODES.textNode("not base64!"),
                NODES.textNode("AAAA"),
                NODES.textNode(valid.substring(4)),
                NODES.textNode(valid + "AAAA"),
                NODES.textNode(" " + valid),
                NODES.numberNode(1),
                NODES.nullNode(),
                NODES.booleanNode(true),
                NODES.arrayNode(),
                NODES.objectNode());
    }

    @ParameterizedTest
    @MethodSource("badSignatures")
    void aMalformedSignatureIsRefusedNamingTheField(JsonNode sig) {
        Message request = recv(BOB, "hi", MID, TS).withExtension(Extensions.SIGNATURE, sig);

        RequestException e = assertThrows(RequestException.class, () -> handler.handle(request, replies::add));

        assertTrue(
                e.getMessage().startsWith("field 'sig' must be the base64 of a 64-byte Ed25519 signature"),
                e.getMessage());
        assertNothingStored();
    }

    @Test
    void aWellFormedSignatureOfZerosIsABadSignature() {
        Message request = recv(BOB, "hi", MID, TS)
                .withExtension(Extensions.SIGNATURE, NODES.textNode(MessageSignatures.toBase64(new byte[64])));

        RequestException e = assertThrows(RequestException.class, () -> handler.handle(request, replies::add));

        assertTrue(e.getMessage().startsWith("bad signature: "), e.getMessage());
        assertNothingStored();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mid", "ts"})
    void aSignedMessageMustCarryIdAndTimestamp(String missing) {
        Message good = signed(BOB_KEY, SELF, "hi", MID, TS);
        java.util.Map<String, JsonNode> fields = new java.util.TreeMap<>(good.extensions());
        fields.remove(missing);
        Message request = new Message(good.cmd(), good.id(), good.portno(), good.msg(), good.date(), fields);

        RequestException e = assertThrows(RequestException.class, () -> handler.handle(request, replies::add));

        assertEquals("a signed message must carry 'mid' and 'ts': both are signed", e.getMessage());
        assertNothingStored();
    }

    @Test
    void requiringSignaturesRefusesUnsignedMessagesAndStillTakesSignedOnes() throws Exception {
        RecvHandler strict = handler(CLOCK, true);

        RequestException c = assertThrows(
                RequestException.class, () -> strict.handle(recv(BOB.hostname(), "from the C daemon"), replies::add));
        RequestException v2 = assertThrows(
                RequestException.class, () -> strict.handle(recv(BOB, "v2 without signature", MID, TS), replies::add));

        assertTrue(c.getMessage().startsWith("unsigned message refused: "), c.getMessage());
        assertTrue(c.getMessage().contains("requiresignatures"), c.getMessage());
        assertEquals(c.getMessage(), v2.getMessage());
        assertNothingStored();

        strict.handle(signed(BOB_KEY, SELF, "signed", MID, TS), replies::add);
        assertTrue(stored(BOB).get(0).verified());
    }

    // --- replays and clocks -------------------------------------------------------------------------------------

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aNewMessageOlderThanTheWindowIsRefusedEvenWithAValidSignature() {
        long old = CLOCK.instant().minus(Duration.ofDays(7)).minusMillis(1).toEpochMilli();

        RequestException e = assertThrows(
                RequestException.class,
                () -> handler.handle(signed(BOB_KEY, SELF, "replayed", MID, old), replies::add));

        assertTrue(e.getMessage().startsWith("too old: message " + MID + " was sent at "), e.getMessage());
        assertTrue(e.getMessage().contains("more than 7 days ago"), e.getMessage());
        assertTrue(e.getMessage().contains("possible replay"), e.getMessage());
        assertNothingStored();
    }

    @Test
    void aMessageExactlyAtTheEdgeOfTheWindowIsAccepted() throws Exception {
        long edge = CLOCK.instant().minus(Duration.ofDays(7)).toEpochMilli();

        handler.handle(signed(BOB_KEY, SELF, "just in time", MID, edge), replies::add);

        assertEquals(1, stored(BOB).size());
    }

    @Test
    void aMessageAlreadyStoredIsAcknowledgedAgainHoweverOld() throws Exception {
        MovableClock clock = new MovableClock(CLOCK.instant());
        RecvHandler h = handler(clock, false);
        Message frame = signed(BOB_KEY, SELF, "once", MID, TS);
        h.handle(frame, replies::add);

        clock.advance(Duration.ofDays(30));
        h.handle(frame, replies::add);

        assertEquals(1, stored(BOB).size());
        assertEquals(2, replies.size());
        assertEquals(replies.get(0), replies.get(1));
    }

    @Test
    void theWindowIsAConstructorParameter() throws Exception {
        RecvHandler hourly = new RecvHandler(
                SELF,
                store,
                SenderGate.unlimited(new Contacts(db)::standing),
                CLOCK,
                false,
                false,
                Duration.ofHours(1),
                Duration.ZERO);
        long twoHoursAgo = CLOCK.instant().minus(Duration.ofHours(2)).toEpochMilli();

        RequestException old = assertThrows(
                RequestException.class,
                () -> hourly.handle(signed(BOB_KEY, SELF, "old", MID, twoHoursAgo), replies::add));
        RequestException ahead = assertThrows(
                RequestException.class,
                () -> hourly.handle(signed(BOB_KEY, SELF, "ahead", MID, CLOCK.millis() + 1), replies::add));

        assertTrue(old.getMessage().contains("more than 1 h ago"), old.getMessage());
        assertTrue(ahead.getMessage().startsWith("field 'ts' is "), ahead.getMessage());
        hourly.handle(signed(BOB_KEY, SELF, "now", MID, CLOCK.millis()), replies::add);
        assertEquals(1, stored(BOB).size());
    }

    @Test
    void aTimestampMoreThanADayAheadIsRefused() {
        long ahead = CLOCK.instant().plus(Duration.ofDays(1)).plusMillis(1).toEpochMilli();

        RequestException e = assertThrows(
                RequestException.class,
                () -> handler.handle(signed(BOB_KEY, SELF, "from the future", MID, ahead), replies::add));

        assertTrue(e.getMessage().startsWith("field 'ts' is "), e.getMessage());
        assertTrue(e.getMessage().contains("ahead of this daemon's clock (at most 1 day is accepted)"), e.getMessage());
        assertNothingStored();
    }

    @Test
    void aTimestampUpToADayAheadIsAccepted() throws Exception {
        long ahead = CLOCK.instant().plus(Duration.ofDays(1)).toEpochMilli();

        handler.handle(signed(BOB_KEY, SELF, "clock a bit fast", MID, ahead), replies::add);

        assertEquals(Instant.ofEpochMilli(ahead), stored(BOB).get(0).sentAt());
    }

    @Test
    void unsignedMessagesWithATimestampGetTheSameWindow() {
        long old = CLOCK.instant().minus(Duration.ofDays(8)).toEpochMilli();

        assertThrows(RequestException.class, () -> handler.handle(recv(BOB, "old", MID, old), replies::add));
        assertNothingStored();
    }

    @Test
    void anEmptyWindowIsRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new RecvHandler(
                        SELF,
                        store,
                        SenderGate.unlimited(new Contacts(db)::standing),
                        CLOCK,
                        false,
                        false,
                        Duration.ZERO,
                        Duration.ZERO));
        assertThrows(
                IllegalArgumentException.class,
                () -> new RecvHandler(
                        SELF,
                        store,
                        SenderGate.unlimited(new Contacts(db)::standing),
                        CLOCK,
                        false,
                        false,
                        Duration.ofDays(1),
                        Duration.ofSeconds(-1)));
    }

    @Test
    void durationsAreWrittenForPeople() {
        assertEquals("7 days", IncomingMessages.describe(Duration.ofDays(7)));
        assertEquals("1 day", IncomingMessages.describe(Duration.ofDays(1)));
        assertEquals("2 days", IncomingMessages.describe(Duration.ofDays(3).minusSeconds(1)));
        assertEquals("47 h", IncomingMessages.describe(Duration.ofDays(2).minusSeconds(1)));
        assertEquals("1 h", IncomingMessages.describe(Duration.ofHours(1)));
        assertEquals("119 min", IncomingMessages.describe(Duration.ofHours(2).minusSeconds(1)));
        assertEquals("119 s", IncomingMessages.describe(Duration.ofSeconds(119)));
        assertEquals("0 s", IncomingMessages.describe(Duration.ZERO));
    }
}
