package org.torchat.daemon.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.torchat.daemon.delivery.Delivery;
import org.torchat.daemon.delivery.DeliveryException;
import org.torchat.daemon.delivery.DeliveryOutcome;
import org.torchat.daemon.delivery.DeliveryService;
import org.torchat.daemon.delivery.RetryPolicy;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Contacts;
import org.torchat.daemon.store.Database;
import org.torchat.daemon.store.Direction;
import org.torchat.daemon.store.History;
import org.torchat.daemon.store.MessageStatus;
import org.torchat.daemon.store.Outbox;
import org.torchat.daemon.store.StoredMessage;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.MessageCodec;
import org.torchat.protocol.TextLimits;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;
import org.torchat.protocol.signature.MessageSignatures;
import org.torchat.protocol.signature.SignedFields;

class SendHandlerTest {
    private static final Ed25519Identity IDENTITY = Ed25519Identity.generate();
    private static final OnionAddress SELF = IDENTITY.onionAddress();
    private static final OnionAddress BOB = Ed25519Identity.generate().onionAddress();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T18:56:20Z"), ZoneOffset.UTC);
    private static final RetryPolicy QUICK =
            new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofHours(1));

    /** One call the delivery service made to the network. */
    private record Call(OnionAddress peer, int port, Message frame) {}

    private final List<Call> calls = new ArrayList<>();
    private final List<Message> replies = new ArrayList<>();
    /** Held closed, the fake network keeps every delivery in flight: what SEND stored stays queued. */
    private final CountDownLatch network = new CountDownLatch(1);

    private final Database db;
    private final Outbox outbox;
    private final History history;
    private final List<DeliveryService> services = new ArrayList<>();

    SendHandlerTest() throws Exception {
        db = Database.inMemory();
        outbox = new Outbox(db);
        history = new History(db);
    }

    @AfterEach
    void stop() {
        network.countDown();
        services.forEach(DeliveryService::close);
        db.close();
    }

    /** A network that waits for the test to open it, then answers as a TORchat for Java peer. */
    private Delivery acknowledging() {
        return (peer, port, frame) -> {
            synchronized (calls) {
                calls.add(new Call(peer, port, frame));
            }
            try {
                if (!network.await(30, TimeUnit.SECONDS)) {
                    throw new DeliveryException("the test never opened the network");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeliveryException("interrupted", e);
            }
            return DeliveryOutcome.ACKNOWLEDGED;
        };
    }

    private Delivery failing(String why) {
        return (peer, port, frame) -> {
            synchronized (calls) {
                calls.add(new Call(peer, port, frame));
            }
            throw new DeliveryException(why);
        };
    }

    private SendHandler handler(Delivery delivery, Clock clock) {
        DeliveryService service = new DeliveryService(outbox, delivery, IDENTITY, QUICK, Clock.systemUTC(), 2, false);
        services.add(service);
        return new SendHandler(IDENTITY, outbox, service, new PeerResolver(new Contacts(db)), new Contacts(db), clock);
    }

    private SendHandler handler() {
        return handler(acknowledging(), CLOCK);
    }

    private static Message send(String id, int portno, String msg) {
        return Message.of(Command.SEND, id, portno, msg);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("gave up waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    private Call firstCall() throws InterruptedException {
        await("the delivery service called the network", () -> {
            synchronized (calls) {
                return !calls.isEmpty();
            }
        });
        synchronized (calls) {
            return calls.get(0);
        }
    }

    private String mid(Message m) {
        return m.extension(Extensions.MESSAGE_ID).orElseThrow().textValue();
    }

    @Test
    void storesTheMessageQueuedAndAnswersEndWithItsId() throws Exception {
        handler().handle(send(BOB.hostname(), 80, "hello bob").withDate("12:00:00 2017"), replies::add);

        assertEquals(1, replies.size());
        Message end = replies.get(0);
        String mid = mid(end);
        assertTrue(mid.matches("[0-9a-f]{32}"), mid);
        assertEquals(
                "{\"cmd\":\"END\",\"id\":\"" + SELF + "\",\"mid\":\"" + mid + "\",\"msg\":\"\",\"portno\":80}",
                MessageCodec.encode(end));

        List<StoredMessage> stored = history.last(BOB, 10);
        assertEquals(1, stored.size());
        StoredMessage m = stored.get(0);
        assertEquals(mid, m.messageId());
        assertEquals(MessageStatus.QUEUED, m.status());
        assertEquals(Direction.OUT, m.direction());
        assertEquals("hello bob", m.text());
        assertEquals(80, m.portno());
        assertEquals("Wed Nov 25 18:56:20 2026", m.dateText(), "our own date in UTC, not the client's");
        assertEquals(CLOCK.instant(), m.sentAt());
    }

    @Test
    void theDeliveryServiceIsWokenAndSendsTheStoredMessage() throws Exception {
        handler().handle(send(BOB.hostname(), 80, "hello bob").withDate("12:00:00 2017"), replies::add);
        String mid = mid(replies.get(0));

        Call call = firstCall();

        assertEquals(BOB, call.peer());
        assertEquals(80, call.port());
        String sig = MessageSignatures.toBase64(
                MessageSignatures.sign(IDENTITY, new SignedFields(SELF, BOB, mid, CLOCK.millis(), "hello bob")));
        assertEquals(
                "{\"cmd\":\"RECV\",\"date\":\"Wed Nov 25 18:56:20 2026\",\"id\":\"" + SELF + "\",\"mid\":\"" + mid
                        + "\",\"msg\":\"hello bob\",\"portno\":80,\"proto\":" + Extensions.PROTOCOL_VERSION
                        + ",\"sig\":\"" + sig + "\",\"ts\":" + CLOCK.millis() + "}",
                MessageCodec.encode(call.frame()));
        assertEquals(MessageStatus.QUEUED, history.last(BOB, 1).get(0).status(), "in flight, not yet acknowledged");

        network.countDown();
        await("the message is delivered", () -> history.last(BOB, 1).get(0).status() == MessageStatus.DELIVERED);
    }

    @Test
    void eachSendIsANewMessageWithItsOwnId() throws Exception {
        SendHandler handler = handler();

        handler.handle(send(BOB.hostname(), 80, "same text"), replies::add);
        handler.handle(send(BOB.hostname(), 80, "same text"), replies::add);

        assertEquals(2, replies.size());
        assertTrue(!mid(replies.get(0)).equals(mid(replies.get(1))));
        assertEquals(
                List.of(mid(replies.get(0)), mid(replies.get(1))),
                history.last(BOB, 10).stream().map(StoredMessage::messageId).toList());
    }

    @Test
    void anUnreachablePeerStillGetsEndAndTheMessageStaysQueued() throws Exception {
        SendHandler handler =
                handler(failing("SOCKS5 reply 240: onion service descriptor not found"), Clock.systemUTC());

        handler.handle(send(BOB.hostname(), 80, "hello bob"), replies::add);

        assertEquals(Command.END, replies.get(0).cmd());
        await(
                "the failed attempt is recorded",
                () -> history.last(BOB, 1).get(0).attempts() >= 1);
        StoredMessage m = history.last(BOB, 1).get(0);
        assertEquals(MessageStatus.QUEUED, m.status());
        assertEquals("SOCKS5 reply 240: onion service descriptor not found", m.lastError());
    }

    @Test
    void thePortnoOfTheSendIsThePeersPortAndIsEchoed() throws Exception {
        handler().handle(send(BOB.hostname(), 11009, "hi"), replies::add);

        assertEquals(11009, replies.get(0).portno());
        Call call = firstCall();
        assertEquals(11009, call.port());
        assertEquals(11009, call.frame().portno());
    }

    @Test
    void thePeerIsAddressedCanonically() throws Exception {
        handler().handle(send(BOB.serviceId().toUpperCase(), 80, "hi"), replies::add);

        assertEquals(1, history.last(BOB, 10).size());
        assertEquals(BOB.hostname(), firstCall().peer().hostname());
    }

    @Test
    void theClientsDateIsNeverPassedOnSinceItWouldTellTheSendersTimeZone() throws Exception {
        SendHandler handler = handler(acknowledging(), Clock.fixed(CLOCK.instant(), ZoneId.of("Asia/Tokyo")));
        List<String> dates = List.of("03:56:20 2026", "", "any text at all \u2713");
        for (String date : dates) {
            handler.handle(send(BOB.hostname(), 80, "hi").withDate(date), replies::add);
        }

        assertEquals(
                List.of("Wed Nov 25 18:56:20 2026"),
                history.last(BOB, 10).stream()
                        .map(StoredMessage::dateText)
                        .distinct()
                        .toList(),
                "UTC, although the daemon's zone is Tokyo");
    }

    @Test
    void withoutADateTheFrameGetsAsctimeOfNow() throws Exception {
        handler().handle(send(BOB.hostname(), 80, "no date field"), replies::add);

        assertEquals("Wed Nov 25 18:56:20 2026", firstCall().frame().date());
    }

    @Test
    void asctimePadsTheDayWithASpaceInUtc() throws Exception {
        Clock early = Clock.fixed(Instant.parse("2026-11-05T07:03:09Z"), ZoneId.of("Europe/Berlin"));

        handler(acknowledging(), early).handle(send(BOB.hostname(), 80, "hi"), replies::add);

        assertEquals("Thu Nov  5 07:03:09 2026", history.last(BOB, 1).get(0).dateText());
    }

    private void assertNothingQueued() {
        assertEquals(List.of(), outbox.peersWithQueued(), "nothing may be stored for a bad request");
        assertEquals(List.of(), replies);
        synchronized (calls) {
            assertEquals(List.of(), calls);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "bobbobbobbobbob2.onion", "bob.onion", "http://example.com"})
    void anInvalidIdIsRefusedBeforeStoring(String id) {
        RequestException e =
                assertThrows(RequestException.class, () -> handler().handle(send(id, 80, "hi"), replies::add));

        assertTrue(e.getMessage().startsWith("field 'id': "), e.getMessage());
        assertNothingQueued();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65536, 70000})
    void aBadPortnoIsRefusedBeforeStoring(int portno) {
        RequestException e = assertThrows(
                RequestException.class, () -> handler().handle(send(BOB.hostname(), portno, "hi"), replies::add));

        assertEquals("field 'portno' must be a port number 1..65535, got " + portno, e.getMessage());
        assertNothingQueued();
    }

    @Test
    void anEmptyMessageIsRefusedBeforeStoring() {
        RequestException e = assertThrows(
                RequestException.class, () -> handler().handle(send(BOB.hostname(), 80, ""), replies::add));

        assertTrue(e.getMessage().contains("field 'msg' is empty"), e.getMessage());
        assertNothingQueued();
    }

    @Test
    void aTextOfExactlyTheLimitIsAccepted() throws Exception {
        String text = "x".repeat(TextLimits.MAX_ENCODED_BYTES);

        handler().handle(send(BOB.hostname(), 80, text), replies::add);

        assertEquals(Command.END, replies.get(0).cmd());
        assertEquals(text, history.last(BOB, 1).get(0).text());
    }

    @Test
    void aTextOverTheLimitIsRefusedBeforeStoring() {
        RequestException e = assertThrows(
                RequestException.class,
                () -> handler()
                        .handle(send(BOB.hostname(), 80, "x".repeat(TextLimits.MAX_ENCODED_BYTES + 1)), replies::add));

        assertTrue(e.getMessage().startsWith("message too long"), e.getMessage());
        assertTrue(e.getMessage().contains(String.valueOf(TextLimits.MAX_ENCODED_BYTES)), e.getMessage());
        assertNothingQueued();
    }

    @Test
    void theLimitCountsUtf8BytesNotCharacters() {
        // Each é is two bytes: fewer characters than the limit, more bytes.
        String text = "\u00e9".repeat(TextLimits.MAX_ENCODED_BYTES / 2 + 1);

        assertThrows(RequestException.class, () -> handler().handle(send(BOB.hostname(), 80, text), replies::add));
        assertNothingQueued();
    }

    @Test
    void theLimitCountsJsonEscapes() {
        // Each newline is written as the two bytes \n.
        String text = "\n".repeat(TextLimits.MAX_ENCODED_BYTES / 2 + 1);

        assertThrows(RequestException.class, () -> handler().handle(send(BOB.hostname(), 80, text), replies::add));
        assertNothingQueued();
    }

    @Test
    void theLongestTextGivesASignedFrameThatFitsTheWire() throws Exception {
        // The date is ours now (always 24 characters), so a client can no longer make the frame too big with it.
        String text = "\u0001".repeat(TextLimits.MAX_ENCODED_BYTES / 6);

        handler().handle(send(BOB.hostname(), 80, text).withDate("d".repeat(5000)), replies::add);

        assertEquals(Command.END, replies.get(0).cmd());
        int frame = MessageCodec.encode(firstCall().frame()).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        assertTrue(frame <= 9999, "a full frame at most: " + frame);
    }

    @Test
    void aTextThatCannotBeSignedIsRefusedBeforeStoring() {
        RequestException e = assertThrows(
                RequestException.class,
                () -> handler().handle(send(BOB.hostname(), 80, "lone \uD800 surrogate"), replies::add));

        assertTrue(e.getMessage().startsWith("field 'msg' cannot be sent: "), e.getMessage());
        assertNothingQueued();
    }
}
