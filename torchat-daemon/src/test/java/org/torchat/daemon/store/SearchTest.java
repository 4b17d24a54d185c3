package org.torchat.daemon.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;

class SearchTest {
    private static final OnionAddress BOB = Ed25519Identity.generate().onionAddress();
    private static final OnionAddress CAROL = Ed25519Identity.generate().onionAddress();
    private static final Instant T0 = Instant.parse("2026-11-25T18:57:00Z");

    private final Database db;
    private final Inbox inbox;
    private final Outbox outbox;
    private final Search search;

    SearchTest() throws Exception {
        db = Database.inMemory();
        inbox = new Inbox(db, new UnreadLimits(1000, 1_000_000));
        outbox = new Outbox(db);
        search = new Search(db);
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

    private List<String> texts(List<Search.Match> matches) {
        return matches.stream().map(m -> m.message().text()).toList();
    }

    @Test
    void findsWordsInBothDirectionsNewestFirst() throws Exception {
        in(BOB, "shall we meet at the station?");
        out(BOB, "Yes, the Station at noon");
        in(BOB, "something else");
        in(CAROL, "station closed today");
        assertEquals(
                List.of("station closed today", "Yes, the Station at noon", "shall we meet at the station?"),
                texts(search.find("station", null, 50)));
        assertEquals(
                List.of("Yes, the Station at noon", "shall we meet at the station?"),
                texts(search.find("STATION", BOB, 50)));
    }

    @Test
    void everyWordMustMatchTheLastAsAPrefix() throws Exception {
        in(BOB, "the café is open");
        in(BOB, "the cafeteria is closed");
        in(BOB, "open the door");
        assertEquals(List.of("the café is open"), texts(search.find("open cafe", BOB, 50)), "accents do not matter");
        assertEquals(List.of("the cafeteria is closed", "the café is open"), texts(search.find("caf", BOB, 50)));
        assertEquals(List.of(), texts(search.find("closed open", BOB, 50)));
    }

    @Test
    void theQuerySyntaxOfFts5IsNotReachable() throws Exception {
        in(BOB, "a OR b NEAR c");
        assertEquals(List.of("a OR b NEAR c"), texts(search.find("\"OR\" NEAR( * -", BOB, 50)));
        assertEquals(List.of(), texts(search.find("*** ---", BOB, 50)));
        assertEquals("\"hello\" \"wor\"*", Search.ftsQuery("Hello, wor"));
    }

    @Test
    void eachMatchSaysHowManyMessagesAreNewerInItsConversation() throws Exception {
        in(BOB, "needle");
        for (int i = 0; i < 5; i++) {
            out(BOB, "hay " + i);
        }
        in(CAROL, "more hay");
        assertEquals(5, search.find("needle", null, 50).get(0).newer());
    }

    @Test
    void theLimitHolds() throws Exception {
        for (int i = 0; i < 30; i++) {
            in(BOB, "ping " + i);
        }
        assertEquals(10, search.find("ping", BOB, 10).size());
        assertEquals("ping 29", search.find("ping", BOB, 10).get(0).message().text());
    }

    @Test
    void theIndexFollowsDeletesAndEdits() throws Exception {
        in(BOB, "secret plan");
        db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE messages SET body = 'public plan'")) {
                return ps.executeUpdate();
            }
        });
        assertEquals(List.of(), texts(search.find("secret", BOB, 50)));
        assertEquals(List.of("public plan"), texts(search.find("public", BOB, 50)));
        db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM messages")) {
                return ps.executeUpdate();
            }
        });
        assertEquals(List.of(), texts(search.find("plan", BOB, 50)));
    }
}
