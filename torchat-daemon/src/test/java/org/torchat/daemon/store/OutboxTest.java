package org.torchat.daemon.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;

class OutboxTest {
    private static final OnionAddress BOB = Ed25519Identity.generate().onionAddress();
    private static final OnionAddress CAROL = Ed25519Identity.generate().onionAddress();
    private static final Instant T0 = Instant.parse("2026-11-25T18:57:00Z");

    private final Database db;
    private final Outbox outbox;
    private final History history;

    OutboxTest() throws Exception {
        db = Database.inMemory();
        outbox = new Outbox(db);
        history = new History(db);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    private StoredMessage reread(StoredMessage m) {
        return history.last(m.peer(), 1000).stream()
                .filter(x -> x.localId() == m.localId())
                .findFirst()
                .orElseThrow();
    }

    @Test
    void enqueueStoresAQueuedMessageWithARandomId() {
        StoredMessage m = outbox.enqueue(BOB, "hello bob", 11009, "18:57:47 2026", T0);

        assertTrue(m.messageId().matches("[0-9a-f]{32}"), m.messageId());
        assertEquals(BOB, m.peer());
        assertEquals(Direction.OUT, m.direction());
        assertEquals("hello bob", m.text());
        assertEquals(MessageStatus.QUEUED, m.status());
        assertEquals(T0, m.sentAt());
        assertNull(m.receivedAt());
        assertEquals(11009, m.portno());
        assertEquals("18:57:47 2026", m.dateText());
        assertEquals(0, m.attempts());
        assertNull(m.lastError());
        assertFalse(m.unread(), "our own messages are never unread");
        assertTrue(m.nextAttemptAt() == null || !m.nextAttemptAt().isAfter(T0), "due at once");
        assertEquals(List.of(m), history.last(BOB, 10), "what enqueue returns is what is stored");
    }

    @Test
    void idsAreDistinct() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            ids.add(outbox.enqueue(BOB, "m" + i, 80, "", T0).messageId());
        }
        assertEquals(200, ids.size());
        assertTrue(MessageIds.isAcceptable(MessageIds.random()), "our ids pass the check we apply to peers' ids");
    }

    @Test
    void ourMessagesDoNotMakeAPeerUnread() {
        outbox.enqueue(BOB, "hi", 80, "", T0);

        assertEquals(List.of(), new Inbox(db, new UnreadLimits(10, 10_000)).peersWithUnread());
    }

    @Test
    void oldestQueuedIsTheFirstEnqueuedPerPeer() {
        StoredMessage b1 = outbox.enqueue(BOB, "b1", 80, "", T0);
        StoredMessage c1 = outbox.enqueue(CAROL, "c1", 80, "", T0);
        StoredMessage b2 = outbox.enqueue(BOB, "b2", 80, "", T0.minusSeconds(60)); // an earlier clock changes nothing

        assertEquals(Optional.of(b1), outbox.oldestQueued(BOB));
        assertEquals(Optional.of(c1), outbox.oldestQueued(CAROL));

        outbox.markDelivered(b1, T0.plusSeconds(1));
        assertEquals(Optional.of(b2), outbox.oldestQueued(BOB));

        outbox.markSent(b2);
        assertEquals(Optional.empty(), outbox.oldestQueued(BOB));
        assertEquals(Optional.of(c1), outbox.oldestQueued(CAROL));
    }

    @Test
    void aRetryKeepsTheMessageAtTheHeadOfItsQueue() {
        StoredMessage b1 = outbox.enqueue(BOB, "b1", 80, "", T0);
        outbox.enqueue(BOB, "b2", 80, "", T0);

        outbox.scheduleRetry(b1, T0.plusSeconds(5), "no route");

        assertEquals(b1.localId(), outbox.oldestQueued(BOB).orElseThrow().localId());
    }

    @Test
    void markDelivered() {
        StoredMessage m = outbox.enqueue(BOB, "hi", 80, "", T0);
        outbox.scheduleRetry(m, T0.plusSeconds(5), "unreachable");

        outbox.markDelivered(m, T0.plusSeconds(7));

        StoredMessage after = reread(m);
        assertEquals(MessageStatus.DELIVERED, after.status());
        assertEquals(T0.plusSeconds(7), after.receivedAt());
        assertEquals(T0, after.sentAt());
        assertEquals(2, after.attempts());
        assertNull(after.nextAttemptAt());
        assertNull(after.lastError(), "the error of an earlier attempt is over");
    }

    @Test
    void markSent() {
        StoredMessage m = outbox.enqueue(BOB, "hi", 80, "", T0);

        outbox.markSent(m);

        StoredMessage after = reread(m);
        assertEquals(MessageStatus.SENT, after.status());
        assertNull(after.receivedAt(), "nobody confirmed when it arrived");
        assertEquals(1, after.attempts());
        assertNull(after.nextAttemptAt());
        assertNull(after.lastError());
        assertFalse(outbox.acknowledges(BOB), "being sent to is not acknowledging");
    }

    @Test
    void markFailed() {
        StoredMessage m = outbox.enqueue(BOB, "hi", 80, "", T0);
        outbox.scheduleRetry(m, T0.plusSeconds(5), "first");

        outbox.markFailed(m, "gave up: onion service descriptor not found");

        StoredMessage after = reread(m);
        assertEquals(MessageStatus.FAILED, after.status());
        assertEquals("gave up: onion service descriptor not found", after.lastError());
        assertEquals(2, after.attempts());
        assertNull(after.nextAttemptAt());
        assertNull(after.receivedAt());
        assertEquals(Optional.empty(), outbox.oldestQueued(BOB));
    }

    @Test
    void scheduleRetry() {
        StoredMessage m = outbox.enqueue(BOB, "hi", 80, "", T0);

        outbox.scheduleRetry(m, T0.plusSeconds(5), "connection refused");
        StoredMessage once = reread(m);
        assertEquals(MessageStatus.QUEUED, once.status());
        assertEquals(1, once.attempts());
        assertEquals(T0.plusSeconds(5), once.nextAttemptAt());
        assertEquals("connection refused", once.lastError());

        outbox.scheduleRetry(m, T0.plusSeconds(20), "timed out");
        StoredMessage twice = reread(m);
        assertEquals(MessageStatus.QUEUED, twice.status());
        assertEquals(2, twice.attempts());
        assertEquals(T0.plusSeconds(20), twice.nextAttemptAt());
        assertEquals("timed out", twice.lastError());
        assertEquals(Optional.of(twice), outbox.oldestQueued(BOB));
    }

    @Test
    void acknowledgesOnlyAfterADelivery() {
        assertFalse(outbox.acknowledges(BOB), "an unknown peer");
        StoredMessage m = outbox.enqueue(BOB, "hi", 80, "", T0);
        assertFalse(outbox.acknowledges(BOB));
        outbox.scheduleRetry(m, T0.plusSeconds(5), "x");
        assertFalse(outbox.acknowledges(BOB));

        outbox.markDelivered(m, T0.plusSeconds(6));

        assertTrue(outbox.acknowledges(BOB));
        assertFalse(outbox.acknowledges(CAROL));
    }

    @Test
    void peersWithQueuedListsOnlyPeersWithSomethingQueued() {
        assertEquals(List.of(), outbox.peersWithQueued());
        StoredMessage b1 = outbox.enqueue(BOB, "b1", 80, "", T0);
        StoredMessage b2 = outbox.enqueue(BOB, "b2", 80, "", T0);
        StoredMessage c1 = outbox.enqueue(CAROL, "c1", 80, "", T0);

        assertEquals(Set.of(BOB, CAROL), Set.copyOf(outbox.peersWithQueued()));
        assertEquals(2, outbox.peersWithQueued().size(), "each peer once");

        outbox.scheduleRetry(c1, T0.plusSeconds(60), "later");
        assertEquals(Set.of(BOB, CAROL), Set.copyOf(outbox.peersWithQueued()), "waiting for a retry is still queued");

        outbox.markDelivered(b1, T0);
        outbox.markFailed(b2, "x");
        assertEquals(List.of(CAROL), outbox.peersWithQueued());

        outbox.markSent(c1);
        assertEquals(List.of(), outbox.peersWithQueued());
    }

    @Test
    void twoMessagesWithTheSameTextAreTwoMessages() {
        StoredMessage a = outbox.enqueue(BOB, "same", 80, "", T0);
        StoredMessage b = outbox.enqueue(BOB, "same", 80, "", T0);

        assertNotEquals(a.messageId(), b.messageId());
        assertEquals(2, history.last(BOB, 10).size());
    }
}
