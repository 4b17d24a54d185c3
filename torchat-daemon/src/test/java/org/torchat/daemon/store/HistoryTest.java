package org.torchat.daemon.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;

class HistoryTest {
    private static final OnionAddress BOB = Ed25519Identity.generate().onionAddress();
    private static final OnionAddress CAROL = Ed25519Identity.generate().onionAddress();
    private static final Instant T0 = Instant.parse("2026-11-25T18:57:00Z");

    private final Database db;
    private final Inbox inbox;
    private final Outbox outbox;
    private final History history;

    HistoryTest() throws Exception {
        db = Database.inMemory();
        inbox = new Inbox(db, new UnreadLimits(1000, 1_000_000));
        outbox = new Outbox(db);
        history = new History(db);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    private void in(OnionAddress peer, String text) throws PeerLimitException {
        inbox.store(peer, MessageIds.random(), text, null, T0);
    }

    private void out(OnionAddress peer, String text) {
        outbox.enqueue(peer, text, 80, "", T0);
    }

    private List<String> texts(List<StoredMessage> messages) {
        return messages.stream().map(StoredMessage::text).toList();
    }

    @Test
    void nothingWithAnUnknownPeer() {
        assertEquals(List.of(), history.last(BOB, 10));
    }

    @Test
    void bothDirectionsOldestFirst() throws Exception {
        in(BOB, "hi alice");
        out(BOB, "hi bob");
        in(BOB, "how are you?");
        out(BOB, "fine");

        List<StoredMessage> all = history.last(BOB, 10);

        assertEquals(List.of("hi alice", "hi bob", "how are you?", "fine"), texts(all));
        assertEquals(
                List.of(Direction.IN, Direction.OUT, Direction.IN, Direction.OUT),
                all.stream().map(StoredMessage::direction).toList());
        assertEquals(
                List.of(MessageStatus.RECEIVED, MessageStatus.QUEUED, MessageStatus.RECEIVED, MessageStatus.QUEUED),
                all.stream().map(StoredMessage::status).toList());
    }

    @Test
    void theLastNAreReturnedStillOldestFirst() throws Exception {
        for (int i = 1; i <= 10; i++) {
            if (i % 2 == 0) {
                out(BOB, "m" + i);
            } else {
                in(BOB, "m" + i);
            }
        }

        assertEquals(List.of("m8", "m9", "m10"), texts(history.last(BOB, 3)));
        assertEquals(List.of("m10"), texts(history.last(BOB, 1)));
        assertEquals(10, history.last(BOB, 1000).size());
    }

    @Test
    void onlyTheNamedPeersMessages() throws Exception {
        in(BOB, "b1");
        in(CAROL, "c1");
        out(CAROL, "c2");
        out(BOB, "b2");

        assertEquals(List.of("b1", "b2"), texts(history.last(BOB, 10)));
        assertEquals(List.of("c1", "c2"), texts(history.last(CAROL, 10)));
    }

    @Test
    void readingHistoryMarksNothingRead() throws Exception {
        in(BOB, "unread");

        history.last(BOB, 10);

        assertEquals(List.of(BOB), inbox.peersWithUnread());
    }

    @Test
    void statusChangesShowInHistory() throws Exception {
        StoredMessage m = outbox.enqueue(BOB, "x", 80, "", T0);

        outbox.markDelivered(m, T0.plusSeconds(1));

        assertEquals(MessageStatus.DELIVERED, history.last(BOB, 1).get(0).status());
    }
}
