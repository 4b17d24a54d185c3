package org.torchat.daemon.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.torchat.daemon.delivery.Delivery;
import org.torchat.daemon.delivery.DeliveryException;
import org.torchat.daemon.delivery.DeliveryOutcome;
import org.torchat.daemon.net.RequestException;
import org.torchat.protocol.Command;
import org.torchat.protocol.Frames;
import org.torchat.protocol.Message;
import org.torchat.protocol.MessageCodec;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;

class SendHandlerTest {
    private static final OnionAddress SELF = Ed25519Identity.generate().onionAddress();
    private static final OnionAddress BOB = Ed25519Identity.generate().onionAddress();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T18:56:20Z"), ZoneOffset.UTC);

    /** One call the handler made to the delivery. */
    private record Call(OnionAddress peer, int port, Message frame) {
    }

    private final List<Call> calls = new ArrayList<>();
    private final List<Message> replies = new ArrayList<>();

    private Delivery delivering(DeliveryOutcome outcome) {
        return (peer, port, frame) -> {
            calls.add(new Call(peer, port, frame));
            return outcome;
        };
    }

    private Delivery failing(String why) {
        return (peer, port, frame) -> {
            calls.add(new Call(peer, port, frame));
            throw new DeliveryException(why);
        };
    }

    private SendHandler handler(Delivery delivery) {
        return new SendHandler(SELF, delivery, CLOCK, false);
    }

    private static Message send(String id, int portno, String msg) {
        return Message.of(Command.SEND, id, portno, msg);
    }

    @Test
    void deliversARecvFrameFromUsAndAnswersEndWithOurAddress() throws Exception {
        handler(delivering(DeliveryOutcome.SENT)).handle(send(BOB.hostname(), 80, "hello bob").withDate("12:00:00 2017"),
                replies::add);

        assertEquals(1, calls.size());
        Call call = calls.get(0);
        assertEquals(BOB, call.peer());
        assertEquals(80, call.port());
        assertEquals("{\"cmd\":\"RECV\",\"date\":\"12:00:00 2017\",\"id\":\"" + SELF + "\",\"msg\":\"hello bob\",\"portno\":80}",
                MessageCodec.encode(call.frame()));
        assertEquals(1, replies.size());
        assertEquals("{\"cmd\":\"END\",\"id\":\"" + SELF + "\",\"msg\":\"\",\"portno\":80}",
                MessageCodec.encode(replies.get(0)));
    }

    @Test
    void anAcknowledgedDeliveryIsAlsoEnd() throws Exception {
        handler(delivering(DeliveryOutcome.ACKNOWLEDGED)).handle(send(BOB.hostname(), 80, "hi"), replies::add);

        assertEquals(Message.of(Command.END, SELF.hostname(), 80, ""), replies.get(0));
    }

    @Test
    void thePortnoOfTheSendIsThePeersPortAndIsEchoed() throws Exception {
        handler(delivering(DeliveryOutcome.SENT)).handle(send(BOB.hostname(), 11009, "hi"), replies::add);

        assertEquals(11009, calls.get(0).port());
        assertEquals(11009, calls.get(0).frame().portno());
        assertEquals(11009, replies.get(0).portno());
    }

    @Test
    void thePeerIsAddressedCanonically() throws Exception {
        handler(delivering(DeliveryOutcome.SENT)).handle(send(BOB.serviceId().toUpperCase(), 80, "hi"), replies::add);

        assertEquals(BOB, calls.get(0).peer());
        assertEquals(BOB.hostname(), calls.get(0).peer().hostname());
    }

    @Test
    void theDateIsPassedThroughUnchanged() throws Exception {
        for (String date : new String[] {"18:57:47 2026", "", "any text at all \u2713"}) {
            calls.clear();
            handler(delivering(DeliveryOutcome.SENT)).handle(send(BOB.hostname(), 80, "hi").withDate(date), replies::add);
            assertEquals(date, calls.get(0).frame().date());
        }
    }

    @Test
    void withoutADateTheFrameGetsAsctimeOfNow() throws Exception {
        handler(delivering(DeliveryOutcome.SENT)).handle(send(BOB.hostname(), 80, "no date field"), replies::add);

        assertEquals("{\"cmd\":\"RECV\",\"date\":\"Wed Nov 25 18:56:20 2026\",\"id\":\"" + SELF
                + "\",\"msg\":\"no date field\",\"portno\":80}", MessageCodec.encode(calls.get(0).frame()));
    }

    @Test
    void asctimePadsTheDayWithASpaceAndUsesTheClocksZone() throws Exception {
        Clock early = Clock.fixed(Instant.parse("2026-11-05T07:03:09Z"), ZoneId.of("Europe/Berlin"));

        new SendHandler(SELF, delivering(DeliveryOutcome.SENT), early, false)
                .handle(send(BOB.hostname(), 80, "hi"), replies::add);

        assertEquals("Thu Nov  5 08:03:09 2026", calls.get(0).frame().date());
    }

    @Test
    void aFailedDeliveryIsErrWithTheSeedsPrefixAndTheReason() throws Exception {
        handler(failing("SOCKS5 reply 240: onion service descriptor not found"))
                .handle(send(BOB.hostname(), 80, "hello bob"), replies::add);

        assertEquals(1, calls.size());
        assertEquals(1, replies.size());
        Message err = replies.get(0);
        assertEquals(Command.ERR, err.cmd());
        assertEquals(SELF.hostname(), err.id());
        assertEquals(80, err.portno());
        assertEquals("TOR couldn't send the message: SOCKS5 reply 240: onion service descriptor not found", err.msg());
        assertTrue(err.msg().startsWith("TOR couldn't send the message: "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "bobbobbobbobbob2.onion", "bob.onion", "http://example.com"})
    void anInvalidIdIsRefusedBeforeAnyDelivery(String id) {
        RequestException e = assertThrows(RequestException.class,
                () -> handler(delivering(DeliveryOutcome.SENT)).handle(send(id, 80, "hi"), replies::add));

        assertTrue(e.getMessage().startsWith("field 'id': "), e.getMessage());
        assertEquals(List.of(), calls, "nothing may be sent for a bad request");
        assertEquals(List.of(), replies);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65536, 70000})
    void aBadPortnoIsRefusedBeforeAnyDelivery(int portno) {
        RequestException e = assertThrows(RequestException.class,
                () -> handler(delivering(DeliveryOutcome.SENT)).handle(send(BOB.hostname(), portno, "hi"), replies::add));

        assertEquals("field 'portno' must be a port number 1..65535, got " + portno, e.getMessage());
        assertEquals(List.of(), calls);
        assertEquals(List.of(), replies);
    }

    @Test
    void anEmptyMessageIsRefusedBeforeAnyDelivery() {
        RequestException e = assertThrows(RequestException.class,
                () -> handler(delivering(DeliveryOutcome.SENT)).handle(send(BOB.hostname(), 80, ""), replies::add));

        assertTrue(e.getMessage().contains("field 'msg' is empty"), e.getMessage());
        assertEquals(List.of(), calls);
    }

    /** The longest ASCII text whose RECV frame (with the asctime date our clock gives) still fits in 9999 bytes. */
    private static int longestText() {
        Message empty = Message.of(Command.RECV, SELF.hostname(), 80, "").withDate("Wed Nov 25 18:56:20 2026");
        return Frames.MAX_PAYLOAD - MessageCodec.encode(empty).getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void aMessageWhoseFrameIsExactly9999BytesIsDelivered() throws Exception {
        handler(delivering(DeliveryOutcome.SENT)).handle(send(BOB.hostname(), 80, "x".repeat(longestText())), replies::add);

        assertEquals(1, calls.size());
        assertEquals(9999, MessageCodec.encode(calls.get(0).frame()).getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void aMessageWhoseFrameWouldExceed9999BytesIsRefusedBeforeAnyDelivery() {
        RequestException e = assertThrows(RequestException.class, () -> handler(delivering(DeliveryOutcome.SENT))
                .handle(send(BOB.hostname(), 80, "x".repeat(longestText() + 1)), replies::add));

        assertTrue(e.getMessage().startsWith("message too long"), e.getMessage());
        assertTrue(e.getMessage().contains("9999"), e.getMessage());
        assertEquals(List.of(), calls);
        assertEquals(List.of(), replies);
    }

    @Test
    void theLimitCountsUtf8BytesNotCharacters() {
        // Each é is two bytes: fewer characters than the ASCII limit, more bytes.
        String text = "\u00e9".repeat(longestText() / 2 + 1);

        assertThrows(RequestException.class,
                () -> handler(delivering(DeliveryOutcome.SENT)).handle(send(BOB.hostname(), 80, text), replies::add));
        assertEquals(List.of(), calls);
    }

    @Test
    void theLimitCountsJsonEscapes() {
        // Each newline is written as the two bytes \n.
        String text = "\n".repeat(longestText() / 2 + 1);

        assertThrows(RequestException.class,
                () -> handler(delivering(DeliveryOutcome.SENT)).handle(send(BOB.hostname(), 80, text), replies::add));
        assertEquals(List.of(), calls);
    }
}
