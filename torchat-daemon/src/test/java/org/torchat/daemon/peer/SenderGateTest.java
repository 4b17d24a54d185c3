package org.torchat.daemon.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.torchat.daemon.config.Strangers;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.ChangeSignal;
import org.torchat.daemon.store.Contacts;
import org.torchat.daemon.store.Database;
import org.torchat.daemon.store.History;
import org.torchat.daemon.store.Inbox;
import org.torchat.daemon.store.MessageIds;
import org.torchat.daemon.store.PeerStanding;
import org.torchat.daemon.store.UnreadLimits;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;
import org.torchat.protocol.signature.MessageSignatures;
import org.torchat.protocol.signature.SignedFields;

/** Classes and budgets as RECV meets them: a real store behind the handler, the budgets small enough to run out. */
class SenderGateTest {
    private static final OnionAddress SELF = Ed25519Identity.generate().onionAddress();
    private static final Ed25519Identity FRIEND = Ed25519Identity.generate();
    private static final OnionAddress OLD_FRIEND = Ed25519Identity.generate().onionAddress(); // never signs
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Database db;
    private final Contacts contacts;
    private final History history;
    private final Inbox inbox;

    SenderGateTest() throws Exception {
        db = Database.inMemory();
        contacts = new Contacts(db);
        history = new History(db);
        inbox = new Inbox(db, new UnreadLimits(1000, 1_000_000), new ChangeSignal(), Strangers.REQUESTS);
        contacts.add(FRIEND.onionAddress(), "Friend", CLOCK.instant());
        contacts.add(OLD_FRIEND, "Old", CLOCK.instant());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private RecvHandler handler(PeerBudgets.Limits limits, Strangers strangers) {
        SenderGate gate = new SenderGate(contacts::standing, new PeerBudgets(limits, 1000, now::get), strangers);
        return new RecvHandler(SELF, inbox, gate, CLOCK, false);
    }

    private static Message signed(Ed25519Identity key, OnionAddress claimed, String text) {
        String mid = MessageIds.random();
        long ts = CLOCK.millis();
        byte[] sig = key.sign(MessageSignatures.encode(new SignedFields(claimed, SELF, mid, ts, text)));
        return unsigned(claimed, text)
                .withExtension(Extensions.MESSAGE_ID, NODES.textNode(mid))
                .withExtension(Extensions.TIMESTAMP, NODES.numberNode(ts))
                .withExtension(Extensions.SIGNATURE, NODES.textNode(MessageSignatures.toBase64(sig)));
    }

    private static Message unsigned(OnionAddress claimed, String text) {
        return Message.of(Command.RECV, claimed.hostname(), 80, text);
    }

    private static String send(RecvHandler handler, Message frame) throws Exception {
        List<Message> replies = new ArrayList<>();
        handler.handle(frame, replies::add);
        return replies.get(0).cmd().name();
    }

    @Test
    void aStrangerFloodSignedAndUnsignedNeverRefusesAContact() throws Exception {
        RecvHandler handler = handler(new PeerBudgets.Limits(60, 100, 60, 10, 60, 10), Strangers.REQUESTS);
        int refused = 0;
        for (int i = 0; i < 200; i++) {
            Ed25519Identity throwaway = Ed25519Identity.generate();
            Message frame = i % 2 == 0
                    ? signed(throwaway, throwaway.onionAddress(), "flood " + i)
                    : unsigned(throwaway.onionAddress(), "flood " + i);
            try {
                send(handler, frame);
            } catch (RequestException e) {
                assertTrue(e.getMessage().startsWith("too many messages, slow down"), e.getMessage());
                refused++;
            }
            if (i % 20 == 0) {
                assertEquals("END", send(handler, signed(FRIEND, FRIEND.onionAddress(), "still here " + i)));
            }
        }
        assertEquals(190, refused, "ten strangers got through: the strangers' burst");
        assertEquals(10, history.last(FRIEND.onionAddress(), 100).size());
    }

    @Test
    void forgeriesInAContactsNameSpendNothingOfItsBudget() throws Exception {
        RecvHandler handler = handler(new PeerBudgets.Limits(60, 3, 0, 1, 0, 1), Strangers.REQUESTS);
        Ed25519Identity forger = Ed25519Identity.generate();
        send(handler, signed(FRIEND, FRIEND.onionAddress(), "signed once"));
        for (int i = 0; i < 20; i++) {
            RequestException bad = assertThrows(
                    RequestException.class, () -> send(handler, signed(forger, FRIEND.onionAddress(), "forged")));
            assertTrue(bad.getMessage().startsWith("bad signature"), bad.getMessage());
            RequestException unsignedForgery = assertThrows(
                    RequestException.class, () -> send(handler, unsigned(FRIEND.onionAddress(), "forged")));
            assertTrue(unsignedForgery.getMessage().contains("most likely forged"), unsignedForgery.getMessage());
        }
        assertEquals("END", send(handler, signed(FRIEND, FRIEND.onionAddress(), "two")));
        assertEquals("END", send(handler, signed(FRIEND, FRIEND.onionAddress(), "three")));
    }

    @Test
    void aContactThatNeverSignsSharesTheUnsignedBudgetAndStrangersCannotSpendIt() throws Exception {
        RecvHandler handler = handler(new PeerBudgets.Limits(0, 1, 60, 2, 60, 1), Strangers.REQUESTS);
        send(handler, unsigned(Ed25519Identity.generate().onionAddress(), "stranger"));
        assertThrows(
                RequestException.class,
                () -> send(handler, unsigned(Ed25519Identity.generate().onionAddress(), "x")));
        assertEquals("END", send(handler, unsigned(OLD_FRIEND, "one")));
        assertEquals("END", send(handler, unsigned(OLD_FRIEND, "two")));
        RequestException e = assertThrows(RequestException.class, () -> send(handler, unsigned(OLD_FRIEND, "three")));
        assertTrue(e.getMessage().contains("unsigned contacts together"), e.getMessage());
    }

    @Test
    void whereOnlyContactsMayWriteAStrangerIsRefusedBeforeAnyBudgetOrCheck() throws Exception {
        RecvHandler handler = handler(new PeerBudgets.Limits(60, 1, 60, 1, 60, 1), Strangers.CONTACTS);
        for (int i = 0; i < 5; i++) {
            Ed25519Identity stranger = Ed25519Identity.generate();
            RequestException e = assertThrows(
                    RequestException.class,
                    () -> send(handler, signed(stranger, stranger.onionAddress(), "let me in")));
            assertTrue(
                    e.getMessage().startsWith("not accepted: this daemon takes messages only from its contacts"),
                    e.getMessage());
        }
    }

    @Test
    void aBlockedContactIsAStrangerToTheBudgets() throws Exception {
        contacts.block(FRIEND.onionAddress(), CLOCK.instant());
        PeerStanding standing = contacts.standing(FRIEND.onionAddress());
        SenderGate gate = new SenderGate(
                contacts::standing,
                new PeerBudgets(new PeerBudgets.Limits(0, 1, 0, 1, 60, 1), 10, now::get),
                Strangers.REQUESTS);
        assertTrue(standing.contact() && standing.blocked());
        assertEquals(TrafficClass.STRANGER, gate.enter(FRIEND.onionAddress(), true));
        assertThrows(RequestException.class, () -> gate.enter(FRIEND.onionAddress(), true));
    }
}
