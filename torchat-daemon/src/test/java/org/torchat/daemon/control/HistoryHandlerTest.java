package org.torchat.daemon.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
import org.torchat.daemon.store.Outbox;
import org.torchat.daemon.store.StoredMessage;
import org.torchat.daemon.store.UnreadLimits;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.MessageCodec;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;

class HistoryHandlerTest {
    private static final OnionAddress BOB = Ed25519Identity.generate().onionAddress();
    private static final OnionAddress CAROL = Ed25519Identity.generate().onionAddress();
    private static final Instant T0 = Instant.parse("2026-11-25T22:57:00Z");

    private final Database db;
    private final Inbox inbox;
    private final Outbox outbox;
    private final HistoryHandler handler;
    private final List<Message> replies = new ArrayList<>();

    HistoryHandlerTest() throws Exception {
        db = Database.inMemory();
        inbox = new Inbox(db, new UnreadLimits(1000, 1_000_000));
        outbox = new Outbox(db);
        handler = new HistoryHandler(new History(db), new PeerResolver(new Contacts(db)), ZoneOffset.ofHours(2));
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    private static Message history(String peer, String n) {
        return Message.of(Command.HISTORY, peer, 8000, n);
    }

    private List<Message> handle(String peer, String n) throws Exception {
        replies.clear();
        handler.handle(history(peer, n), replies::add);
        return replies;
    }

    @Test
    void framesOldestFirstWithDirectionStatusIdAndTimeThenEndWithTheCount() throws Exception {
        inbox.store(BOB, "0123456789abcdef", "hi alice", T0.minusSeconds(600), T0);
        StoredMessage reply = outbox.enqueue(BOB, "hi bob", 80, "", T0.plusSeconds(90));
        outbox.markDelivered(reply, T0.plusSeconds(95));
        StoredMessage pending = outbox.enqueue(BOB, "still queued", 80, "", T0.plusSeconds(3600));

        List<Message> frames = handle(BOB.hostname(), "10");

        assertEquals(4, frames.size());
        assertEquals(
                "{\"cmd\":\"HISTORY\",\"date\":\"2026-11-26 00:57\",\"direction\":\"in\",\"id\":\"" + BOB
                        + "\",\"mid\":\"0123456789abcdef\",\"msg\":\"hi alice\",\"portno\":8000,\"status\":\"received\",\"time\":"
                        + T0.toEpochMilli() + ",\"verified\":false}",
                MessageCodec.encode(frames.get(0)));
        assertEquals(
                "{\"cmd\":\"HISTORY\",\"date\":\"2026-11-26 00:58\",\"direction\":\"out\",\"id\":\"" + BOB
                        + "\",\"mid\":\"" + reply.messageId()
                        + "\",\"msg\":\"hi bob\",\"portno\":8000,\"status\":\"delivered\","
                        + "\"time\":" + T0.plusSeconds(90).toEpochMilli() + "}",
                MessageCodec.encode(frames.get(1)));
        Message queued = frames.get(2);
        assertEquals("still queued", queued.msg());
        assertEquals("queued", queued.extension(Extensions.STATUS).orElseThrow().textValue());
        assertEquals(
                pending.messageId(),
                queued.extension(Extensions.MESSAGE_ID).orElseThrow().textValue());
        assertEquals("2026-11-26 01:57", queued.date());
        assertEquals(
                "{\"cmd\":\"END\",\"id\":\"" + BOB + "\",\"msg\":\"3\",\"portno\":8000,\"verified\":false}",
                MessageCodec.encode(frames.get(3)));
    }

    @Test
    void incomingMessagesSayWhetherTheyWereSignedAndEndSaysWhetherThePeerEverSigned() throws Exception {
        inbox.store(BOB, "0123456789abcdef", "unsigned", T0, T0, false, null);
        inbox.store(BOB, "0123456789abcdeg", "signed", T0, T0.plusSeconds(1), true, null);
        outbox.enqueue(BOB, "ours", 80, "", T0.plusSeconds(2));

        List<Message> frames = handle(BOB.hostname(), "10");

        assertEquals(
                false,
                frames.get(0).extension(Extensions.VERIFIED).orElseThrow().booleanValue());
        assertEquals(
                true, frames.get(1).extension(Extensions.VERIFIED).orElseThrow().booleanValue());
        assertTrue(frames.get(2).extension(Extensions.VERIFIED).isEmpty(), "outgoing messages carry no 'verified'");
        assertEquals(Command.END, frames.get(3).cmd());
        assertEquals(
                true, frames.get(3).extension(Extensions.VERIFIED).orElseThrow().booleanValue());
    }

    @Test
    void theLastNOnly() throws Exception {
        for (int i = 1; i <= 5; i++) {
            outbox.enqueue(BOB, "m" + i, 80, "", T0.plusSeconds(i));
        }

        List<Message> frames = handle(BOB.hostname(), "2");

        assertEquals(List.of("m4", "m5", "2"), frames.stream().map(Message::msg).toList());
        assertEquals(Command.END, frames.get(2).cmd());
    }

    @Test
    void sentAndFailedStatusesAreShown() throws Exception {
        StoredMessage sent = outbox.enqueue(BOB, "to an old daemon", 80, "", T0);
        StoredMessage failed = outbox.enqueue(BOB, "never arrived", 80, "", T0);
        outbox.markSent(sent);
        outbox.markFailed(failed, "gave up");

        List<Message> frames = handle(BOB.hostname(), "10");

        assertEquals(
                "sent", frames.get(0).extension(Extensions.STATUS).orElseThrow().textValue());
        assertEquals(
                "failed",
                frames.get(1).extension(Extensions.STATUS).orElseThrow().textValue());
    }

    @Test
    void noMessagesIsJustEndWithZero() throws Exception {
        inbox.store(CAROL, "0123456789abcdef", "not bob", null, T0);

        assertEquals(
                List.of(Message.of(Command.END, BOB.hostname(), 8000, "0")
                        .withExtension(Extensions.VERIFIED, JsonNodeFactory.instance.booleanNode(false))),
                handle(BOB.hostname(), "10"));
    }

    @Test
    void thePeerIsAcceptedInAnySpellingAndAnsweredCanonically() throws Exception {
        outbox.enqueue(BOB, "x", 80, "", T0);

        List<Message> frames = handle(BOB.serviceId().toUpperCase(), "1");

        assertEquals(BOB.hostname(), frames.get(0).id());
        assertEquals(BOB.hostname(), frames.get(1).id());
    }

    @Test
    void readingHistoryMarksNothingRead() throws Exception {
        inbox.store(BOB, "0123456789abcdef", "unread", null, T0);

        handle(BOB.hostname(), "10");

        assertEquals(List.of(BOB), inbox.peersWithUnread());
    }

    @Test
    void theMaximumIsAccepted() throws Exception {
        outbox.enqueue(BOB, "x", 80, "", T0);

        assertEquals(
                2,
                handle(BOB.hostname(), String.valueOf(HistoryHandler.MAX_MESSAGES))
                        .size());
        assertEquals(1000, HistoryHandler.MAX_MESSAGES);
        assertEquals(2, handle(BOB.hostname(), " 1 ").size(), "surrounding spaces are tolerated");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ten", "1.5", "0", "-1", "1001", "99999999999999"})
    void aBadCountIsRefusedNamingMsg(String n) {
        RequestException e = assertThrows(RequestException.class, () -> handle(BOB.hostname(), n));

        assertTrue(e.getMessage().contains("'msg'"), e.getMessage());
        assertEquals(List.of(), replies);
    }

    @Test
    void anOutOfRangeCountSaysTheRange() {
        RequestException e = assertThrows(RequestException.class, () -> handle(BOB.hostname(), "1001"));

        assertTrue(e.getMessage().contains("1..1000"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "bobbobbobbobbob2.onion", "bob.onion"})
    void anInvalidPeerIsRefused(String peer) {
        RequestException e = assertThrows(RequestException.class, () -> handle(peer, "10"));

        assertTrue(e.getMessage().startsWith("field 'id': "), e.getMessage());
        assertEquals(List.of(), replies);
    }
}
