package org.torchat.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchat.daemon.testing.Await;
import org.torchat.daemon.testing.TestDaemon;
import org.torchat.daemon.testing.TestSocks5Server;
import org.torchat.daemon.testing.Wire;
import org.torchat.protocol.Command;
import org.torchat.protocol.Message;
import org.torchat.protocol.client.DaemonClient;
import org.torchat.protocol.client.DaemonErrorException;
import org.torchat.protocol.identity.Ed25519Identity;

/**
 * The contact list through real control ports, between real daemons behind the test SOCKS server: each contact
 * command, a stranger's message landing in the requests, the accept and block paths (a blocked peer's messages
 * never reach the database file), and the strangers policies.
 */
class ContactsIT {
    @TempDir
    Path tmp;

    private TestSocks5Server socks;
    private TestDaemon alice;
    private TestDaemon bob;
    private String aliceId;
    private String bobId;

    @BeforeEach
    void startDaemons() throws Exception {
        socks = new TestSocks5Server();
        alice = start("alice");
        bob = start("bob"); // strangers: requests, the default
        aliceId = alice.address().hostname();
        bobId = bob.address().hostname();
    }

    private TestDaemon start(String name, String... extra) throws Exception {
        String[] conf = java.util.stream.Stream.concat(
                        java.util.stream.Stream.of("retrydelay: 200", "retrylimit: 30"),
                        java.util.stream.Stream.of(extra))
                .toArray(String[]::new);
        return TestDaemon.startReachable(tmp, name, socks, conf);
    }

    @AfterEach
    void stop() throws Exception {
        alice.close();
        bob.close();
        socks.close();
    }

    @Test
    void addRenameRemoveBlockAndUnblockThroughTheControlPort() throws Exception {
        DaemonClient a = alice.client();
        Message added = a.changeContact(Command.ADD_CONTACT, bobId, "Bob");
        assertEquals(Command.END, added.cmd());
        assertEquals(bobId, added.id());
        assertEquals("Bob", added.msg());
        assertEquals("contact", text(added, "state"));

        Message listed = single(a.contacts());
        assertEquals(Command.CONTACTS, listed.cmd());
        assertEquals(bobId, listed.id());
        assertEquals("Bob", text(listed, "nickname"));
        assertEquals(0, listed.extension("unread").orElseThrow().intValue());
        assertTrue(listed.extension("last_seen").orElseThrow().isNull(), "never heard from Bob yet");
        assertFalse(listed.extension("blocked").orElseThrow().booleanValue());
        assertFalse(listed.extension("verified").orElseThrow().booleanValue());

        // the nickname stands for the address in SEND, HISTORY and UPDATE, in any letter case
        a.send("bob", "hello by nickname");
        awaitStatus(alice, "BOB", "delivered");
        Message seen = single(a.contacts());
        assertTrue(seen.extension("last_seen").orElseThrow().asLong() > 0, "the acknowledgement counts as seen");

        Message renamed = a.changeContact(Command.RENAME, "bob", "Robert");
        assertEquals("Robert", renamed.msg());
        assertEquals(1, a.history("robert", 10).size());
        assertRefused(() -> a.history("bob", 10), "is not an onion address");
        assertEquals("", a.changeContact(Command.RENAME, "Robert", "").msg(), "an empty nickname removes it");
        assertNull(text(single(a.contacts()), "nickname"));

        Message blocked = a.changeContact(Command.BLOCK, bobId, "");
        assertTrue(blocked.extension("blocked").orElseThrow().booleanValue());
        assertRefused(() -> a.send(bobId, "to a blocked peer"), "is blocked: UNBLOCK it");
        assertRefused(() -> a.changeContact(Command.BLOCK, bobId, ""), "already blocked");
        assertFalse(a.changeContact(Command.UNBLOCK, bobId, "")
                .extension("blocked")
                .orElseThrow()
                .booleanValue());
        assertRefused(() -> a.changeContact(Command.UNBLOCK, bobId, ""), "is not blocked");

        assertEquals("stranger", text(a.changeContact(Command.REMOVE_CONTACT, bobId, ""), "state"));
        assertEquals(List.of(), a.contacts());
        assertEquals(1, a.history(bobId, 10).size(), "removing a contact keeps its history");
        assertRefused(() -> a.changeContact(Command.REMOVE_CONTACT, bobId, ""), "is not a contact");
    }

    @Test
    void eachBadContactRequestGetsAClearErrAndChangesNothing() throws Exception {
        DaemonClient a = alice.client();
        a.changeContact(Command.ADD_CONTACT, bobId, "Bob");
        String carol = Ed25519Identity.generate().onionAddress().hostname();

        assertRefused(
                () -> a.changeContact(Command.ADD_CONTACT, carol, "BOB"),
                "the nickname 'BOB' is already taken by " + bobId);
        assertRefused(() -> a.changeContact(Command.ADD_CONTACT, carol, "x".repeat(31)), "at most 30 characters");
        assertRefused(() -> a.changeContact(Command.ADD_CONTACT, carol, "car\u0007ol"), "control characters");
        assertRefused(() -> a.changeContact(Command.ADD_CONTACT, carol, "evil.onion"), "looks like an address");
        assertRefused(() -> a.changeContact(Command.ADD_CONTACT, carol, " carol"), "begin or end with a space");
        assertRefused(
                () -> a.changeContact(Command.ADD_CONTACT, "carol", ""), "field 'id': 'carol' is not an onion address");
        assertRefused(() -> a.changeContact(Command.ADD_CONTACT, "bobbobbobbobbob2.onion", ""), "v2 onion services");
        assertRefused(() -> a.changeContact(Command.ADD_CONTACT, aliceId, "me"), "is this daemon's own address");
        assertRefused(() -> a.changeContact(Command.ADD_CONTACT, bobId, ""), "is already a contact");
        assertRefused(() -> a.changeContact(Command.RENAME, carol, "Carol"), "is not a contact");
        assertRefused(() -> a.changeContact(Command.RENAME, "nobody", "Carol"), "nor is it a contact's nickname");
        assertRefused(() -> a.changeContact(Command.ACCEPT, carol, ""), "has no request to accept");
        assertRefused(() -> a.changeContact(Command.BLOCK, aliceId, ""), "is this daemon's own address");
        assertRefused(() -> a.send("nobody", "hi"), "nor is it a contact's nickname");
        assertRefused(() -> a.update("nobody"), "field 'msg'");

        Message bob = single(a.contacts());
        assertEquals("Bob", bob.msg(), "nothing changed");
        assertEquals(List.of(), a.requests());
        // the daemon is still serving
        assertEquals(aliceId, a.host());
    }

    @Test
    void contactCommandsAreRefusedOnThePeerPort() throws Exception {
        for (Command c :
                List.of(Command.CONTACTS, Command.ADD_CONTACT, Command.BLOCK, Command.REQUESTS, Command.ACCEPT)) {
            String reply = Wire.exchange(
                    alice.peerPort(),
                    Wire.frame("{\"cmd\":\"" + c + "\",\"id\":\"" + bobId + "\",\"msg\":\"\",\"portno\":80}"));
            assertTrue(reply.contains("\"cmd\":\"ERR\"") && reply.contains("is a client command"), reply);
        }
        assertEquals(List.of(), alice.client().contacts());
    }

    @Test
    void aStrangersMessageLandsInTheRequestsAndAcceptingMakesItAContact() throws Exception {
        alice.client().send(bobId, "hi, I am Alice");
        awaitStatus(alice, bobId, "delivered");
        DaemonClient b = bob.client();
        assertEquals(List.of(), b.peersWithUnread(), "a stranger's message is kept apart from GET_PEERS");
        Message request = single(b.requests());
        assertEquals(Command.REQUESTS, request.cmd());
        assertEquals(aliceId, request.id());
        assertEquals("hi, I am Alice", request.msg());
        assertEquals(1, request.extension("unread").orElseThrow().intValue());
        assertTrue(request.extension("verified").orElseThrow().booleanValue(), "signed by Alice");
        assertEquals(List.of(), b.contacts());

        // writing to Bob made Bob a contact of Alice's
        assertEquals(bobId, single(alice.client().contacts()).id());

        Message accepted = b.changeContact(Command.ACCEPT, aliceId, "Alice");
        assertEquals("contact", text(accepted, "state"));
        assertEquals(List.of(), b.requests());
        assertEquals(
                List.of(aliceId), b.peersWithUnread(), "an accepted request's messages are listed as any contact's");
        assertEquals("hi, I am Alice", b.update("alice").orElseThrow().msg());
    }

    @Test
    void aWaitingGetPeersEndsWhenARequestArrives() throws Exception {
        DaemonClient b =
                new DaemonClient("127.0.0.1", bob.controlPort(), Duration.ofSeconds(5), Duration.ofSeconds(30));
        java.util.concurrent.CompletableFuture<List<String>> waiting =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return b.awaitPeersWithUnread(Duration.ofSeconds(20));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        Await.until(() -> bob.daemon().waitingRequests(), n -> n == 1);
        alice.client().send(bobId, "knock knock");
        assertEquals(
                List.of(),
                waiting.get(10, java.util.concurrent.TimeUnit.SECONDS),
                "answered at once, empty: the news is in REQUESTS");
        assertEquals("knock knock", single(b.requests()).msg());
    }

    @Test
    void aBlockedPeersMessagesAreAcknowledgedButNeverStored() throws Exception {
        alice.client().send(bobId, "first");
        Await.until(() -> bob.client().requests(), r -> r.size() == 1);
        Message blocked = bob.client().changeContact(Command.BLOCK, aliceId, "");
        assertEquals("request", text(blocked, "state"));
        assertEquals(List.of(), bob.client().requests(), "a blocked stranger is no longer a request");

        alice.client().send(bobId, "second");
        alice.client().send(bobId, "third");
        // the sender sees what a stored message gets: blocking is not revealed
        awaitStatus(alice, bobId, "delivered", "delivered", "delivered");

        assertEquals(List.of("first"), storedTexts(bob, aliceId), "dropped before storage");
        Message listed = single(bob.client().contacts());
        assertEquals(aliceId, listed.id());
        assertTrue(listed.extension("blocked").orElseThrow().booleanValue());
        assertEquals(2, listed.extension("dropped").orElseThrow().intValue());
        assertEquals(List.of(), bob.client().peersWithUnread());

        bob.client().changeContact(Command.UNBLOCK, aliceId, "");
        alice.client().send(bobId, "fourth");
        awaitStatus(alice, bobId, "delivered", "delivered", "delivered", "delivered");
        assertEquals(List.of("first", "fourth"), storedTexts(bob, aliceId));
    }

    @Test
    void contactsOnlyRefusesStrangersUntilAddedThenTheRetryGetsThrough() throws Exception {
        try (TestDaemon carol = start("carol", "strangers: contacts")) {
            String carolId = carol.address().hostname();
            alice.client().send(carolId, "let me in");
            Message refused = Await.until(
                    () -> alice.client().history(carolId, 1).get(0),
                    m -> m.extension("error").isPresent());
            assertEquals("queued", text(refused, "status"));
            assertTrue(
                    text(refused, "error").contains("not accepted: this daemon takes messages only from its contacts"),
                    refused.toString());
            assertEquals(List.of(), storedTexts(carol, aliceId));
            assertEquals(List.of(), carol.client().requests());

            carol.client().changeContact(Command.ADD_CONTACT, aliceId, "Alice");
            awaitStatus(alice, carolId, "delivered");
            assertEquals(
                    "let me in", carol.client().update("Alice").orElseThrow().msg());
        }
    }

    @Test
    void allowModeListsStrangersInGetPeersForTheOriginalClient() throws Exception {
        try (TestDaemon dave = start("dave", "strangers: allow")) {
            String daveId = dave.address().hostname();
            alice.client().send(daveId, "hello dave");
            awaitStatus(alice, daveId, "delivered");
            String peers = Wire.exchange(
                    dave.controlPort(),
                    Wire.frame("{\"id\": \"localhost\", \"portno\": 8000, \"msg\": \"\", \"cmd\": \"GET_PEERS\"}"));
            assertTrue(
                    peers.endsWith(
                            "{\"cmd\":\"GET_PEERS\",\"id\":\"localhost\",\"msg\":\"" + aliceId + "\",\"portno\":8000}"),
                    peers);
            assertEquals(aliceId, single(dave.client().requests()).id(), "still a request, to accept or block");
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The texts of the messages from {@code peer} in the daemon's database file, read with SQLite directly. */
    private static List<String> storedTexts(TestDaemon d, String peer) throws Exception {
        Path db = d.daemon().dataDirectory().resolve("torchat.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                PreparedStatement ps = c.prepareStatement(
                        "SELECT body FROM messages WHERE peer = ? AND direction = 'in' ORDER BY id")) {
            ps.setString(1, peer);
            List<String> texts = new java.util.ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    texts.add(rs.getString(1));
                }
            }
            return texts;
        }
    }

    private static Message single(List<Message> frames) {
        assertEquals(1, frames.size(), frames.toString());
        return frames.get(0);
    }

    private static String text(Message m, String field) {
        return m.extension(field).filter(n -> !n.isNull()).map(n -> n.asText()).orElse(null);
    }

    private static void assertRefused(org.junit.jupiter.api.function.Executable request, String expected) {
        DaemonErrorException e = assertThrows(DaemonErrorException.class, request);
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    /** Waits until {@code from}'s history with {@code to} (address or nickname) has exactly these statuses. */
    private static void awaitStatus(TestDaemon from, String to, String... statuses) throws Exception {
        List<String> expected = List.of(statuses);
        Await.until(
                () -> from.client().history(to, 1000),
                h -> h.stream().map(m -> text(m, "status")).toList().equals(expected));
    }
}
