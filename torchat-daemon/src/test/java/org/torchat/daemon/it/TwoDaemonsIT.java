package org.torchat.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
import org.torchat.protocol.client.DaemonErrorException;
import org.torchat.protocol.identity.Ed25519Identity;

/** Two real daemons on loopback that reach each other through a SOCKS5 server standing in for Tor. */
class TwoDaemonsIT {
    @TempDir
    Path tmp;

    private TestSocks5Server socks;
    private TestDaemon alice;
    private TestDaemon bob;

    @BeforeEach
    void startDaemons() throws Exception {
        socks = new TestSocks5Server();
        alice = startMapped("alice");
        bob = startMapped("bob");
    }

    private TestDaemon startMapped(String name) throws Exception {
        // 30 messages at once: no RECV rate limits here, and room for them unread (AbuseIT is about the caps)
        // strangers allowed: the seed's behaviour, which these tests check (ContactsIT is about strangers)
        return TestDaemon.startReachable(
                tmp,
                name,
                socks,
                "retrydelay: 200",
                "retrylimit: 2",
                "strangers: allow",
                "recvrate: 0",
                "strangerrate: 0",
                "requestmessages: 1000");
    }

    @AfterEach
    void stop() throws Exception {
        alice.close();
        bob.close();
        socks.close();
    }

    @Test
    void hostAnswersTheAddressDerivedFromTheIdentityAndWrittenToTheHostnameFile() throws Exception {
        String host = alice.client().host();
        assertEquals(alice.address().hostname(), host);
        assertTrue(host.matches("[a-z2-7]{56}\\.onion"), host);
        assertEquals(host, Files.readString(tmp.resolve("alice/hostname")).strip());
    }

    @Test
    void aMessageSentByAliceIsListedAndReadOnBob() throws Exception {
        Message end = alice.client().send(bob.address().hostname(), "hello bob");
        assertEquals(Command.END, end.cmd());
        assertEquals(alice.address().hostname(), end.id());
        assertEquals("", end.msg());
        String mid = end.extension("mid").orElseThrow().textValue();
        assertTrue(mid.matches("[0-9a-f]{32}"), mid);

        assertEquals(List.of(alice.address().hostname()), awaitUnread(bob, 1));
        Optional<Message> received = bob.client().update(alice.address().hostname());
        assertTrue(received.isPresent());
        assertEquals(Command.RECV, received.get().cmd());
        assertEquals(alice.address().hostname(), received.get().id());
        assertEquals("hello bob", received.get().msg());
        assertTrue(
                received.get().date().matches("\\d\\d:\\d\\d"), received.get().date());

        assertEquals(Optional.empty(), bob.client().update(alice.address().hostname()));
        assertEquals(List.of(), bob.client().peersWithUnread());

        Message sent = awaitStatus(alice, bob, "delivered").get(0);
        assertEquals(mid, sent.extension("mid").orElseThrow().textValue());
        Message got = bob.client().history(alice.address().hostname(), 10).get(0);
        assertEquals("in", got.extension("direction").orElseThrow().textValue());
        assertEquals(mid, got.extension("mid").orElseThrow().textValue(), "the receiver keeps the sender's id");
    }

    @Test
    void theOnionNameIsPassedToTheProxyNeverResolvedLocally() throws Exception {
        alice.client().send(bob.address().hostname(), "by name");
        awaitUnread(bob, 1);
        // SEND made Bob Alice's contact, so Alice first tries a session (Bob, who has not added Alice, refuses it),
        // then sends the message on a connection of its own: both ask the proxy for the onion name itself (address
        // type 3, a domain name), never for a resolved address.
        TestSocks5Server.ConnectRequest byName =
                new TestSocks5Server.ConnectRequest(3, bob.address().hostname(), 80);
        assertEquals(List.of(byName, byName), socks.requests());
    }

    @Test
    void seedClientBytesGetSeedShapedReplies() throws Exception {
        String aliceId = alice.address().hostname();
        String host = Wire.exchange(
                alice.controlPort(),
                Wire.frame(
                        "{\"id\": \"localhost\", \"portno\": 8000, \"date\": \"18:58:05 2026\", \"msg\": \"\", \"cmd\": \"HOST\"}"));
        assertEquals(
                framed("{\"cmd\":\"HOST\",\"id\":\"localhost\",\"msg\":\"" + aliceId + "\",\"portno\":8000}"), host);

        String send = Wire.exchange(
                alice.controlPort(),
                Wire.frame(
                        "{\"id\": \"" + bob.address().hostname()
                                + "\", \"portno\": 80, \"date\": \"12:00:00 2017\", \"msg\": \"hello bob\", \"cmd\": \"SEND\"}"));
        assertTrue(
                send.matches("0145\\{\"cmd\":\"END\",\"id\":\"" + aliceId
                        + "\",\"mid\":\"[0-9a-f]{32}\",\"msg\":\"\",\"portno\":80}"),
                send);

        awaitUnread(bob, 1);
        String peers = Wire.exchange(
                bob.controlPort(),
                Wire.frame(
                        "{\"id\": \"localhost\", \"portno\": 8000, \"date\": \"18:57:47 2026\", \"msg\": \"\", \"cmd\": \"GET_PEERS\"}"));
        assertEquals(
                framed("{\"cmd\":\"GET_PEERS\",\"id\":\"localhost\",\"msg\":\"" + aliceId + "\",\"portno\":8000}"),
                peers);

        String update = Wire.exchange(
                bob.controlPort(),
                Wire.frame("{\"id\": \"localhost\", \"portno\": 1234, " + "\"date\": \"18:57:48 2026\", \"msg\": \""
                        + aliceId + "\", \"cmd\": \"UPDATE\"}"));
        assertTrue(
                update.matches("\\d{4}\\{\"cmd\":\"RECV\",\"date\":\"\\d\\d:\\d\\d\",\"id\":\"" + aliceId
                        + "\",\"msg\":\"hello bob\",\"portno\":1234,\"verified\":true}"),
                update); // an extension, as END's mid

        String drained = Wire.exchange(
                bob.controlPort(),
                Wire.frame("{\"id\": \"localhost\", \"portno\": 8000, " + "\"msg\": \"" + aliceId
                        + "\", \"cmd\": \"UPDATE\"}"));
        assertEquals(
                framed("{\"cmd\":\"END\",\"id\":\"" + aliceId + "\",\"msg\":\"" + aliceId + "\",\"portno\":8000}"),
                drained);
    }

    @Test
    void peersAreListedInOrderOfFirstArrival() throws Exception {
        try (TestDaemon carol = startMapped("carol")) {
            carol.client().send(bob.address().hostname(), "from carol");
            awaitUnread(bob, 1);
            alice.client().send(bob.address().hostname(), "from alice");
            awaitUnread(bob, 2);
            carol.client().send(bob.address().hostname(), "carol again");
            awaitStatus(carol, bob, "delivered", "delivered");
            assertEquals(
                    List.of(carol.address().hostname(), alice.address().hostname()),
                    bob.client().peersWithUnread());
            assertEquals(
                    "from carol",
                    bob.client()
                            .update(carol.address().hostname())
                            .orElseThrow()
                            .msg());
            assertEquals(
                    "carol again",
                    bob.client()
                            .update(carol.address().hostname())
                            .orElseThrow()
                            .msg());
        }
    }

    @Test
    void messagesToOnePeerArriveInTheOrderTheyWereSent() throws Exception {
        for (int i = 0; i < 30; i++) {
            alice.client().send(bob.address().hostname(), "message " + i);
        }
        List<Message> history = awaitStatus(
                alice, bob, java.util.Collections.nCopies(30, "delivered").toArray(String[]::new));
        for (int i = 0; i < 30; i++) {
            assertEquals("message " + i, history.get(i).msg());
            assertEquals(
                    "message " + i,
                    bob.client()
                            .update(alice.address().hostname())
                            .orElseThrow()
                            .msg());
        }
    }

    @Test
    void textSurvivesTheRoundTripExactly() throws Exception {
        String text = "h\u00e9llo \u2713 \"q\" back\\slash\nnewline \u6f22\u5b57 \ud83d\ude00 %s%s%s%x";
        alice.client().send(bob.address().hostname(), text);
        awaitUnread(bob, 1);
        assertEquals(
                text,
                bob.client().update(alice.address().hostname()).orElseThrow().msg());
    }

    @Test
    void aMessageToAnUnpublishedOnionIsRetriedThenFailsWithTheProxysReason() throws Exception {
        String nobody = Ed25519Identity.generate().onionAddress().hostname();
        Message end = alice.client().send(nobody, "anyone?");
        assertEquals(Command.END, end.cmd(), "queued");
        Message failed = Await.until(
                () -> alice.client().history(nobody, 1).get(0),
                m -> m.extension("status").orElseThrow().textValue().equals("failed"));
        assertEquals(
                "SOCKS5 reply 4: host unreachable",
                failed.extension("error").orElseThrow().textValue());
        long attempts =
                socks.requests().stream().filter(r -> r.host().equals(nobody)).count();
        assertTrue(attempts >= 2, "retried before giving up: " + attempts + " attempts");
    }

    @Test
    void withoutAProxyTheMessageStaysQueuedWithTheReason() throws Exception {
        String closed = "127.0.0.1:" + TestSocks5Server.closedPort().getPort();
        try (TestDaemon lonely = TestDaemon.start(TestDaemon.newDataDir(tmp, "lonely"), closed, "retrydelay: 60000")) {
            lonely.client().send(bob.address().hostname(), "no proxy");
            Message queued = Await.until(
                    () -> lonely.client().history(bob.address().hostname(), 1).get(0),
                    m -> m.extension("error").isPresent());
            assertEquals("queued", queued.extension("status").orElseThrow().textValue());
            assertTrue(
                    queued.extension("error")
                            .orElseThrow()
                            .textValue()
                            .startsWith("cannot reach the Tor SOCKS proxy at " + closed),
                    queued.toString());
        }
    }

    @Test
    void sendToAV2AddressIsRefusedWithoutTouchingTheNetwork() throws Exception {
        DaemonErrorException e =
                assertThrows(DaemonErrorException.class, () -> alice.client().send("bobbobbobbobbob2.onion", "hi"));
        assertTrue(e.getMessage().contains("v2 onion services are no longer supported by Tor"), e.getMessage());
        assertEquals(List.of(), socks.requests());
    }

    private static List<String> awaitUnread(TestDaemon d, int peers) throws Exception {
        return Await.until(() -> d.client().peersWithUnread(), list -> list.size() >= peers);
    }

    /** Waits until {@code from}'s history with {@code to} has exactly these statuses, oldest first. */
    private static List<Message> awaitStatus(TestDaemon from, TestDaemon to, String... statuses) throws Exception {
        List<String> expected = List.of(statuses);
        return Await.until(
                () -> from.client().history(to.address().hostname(), 1000),
                h -> h.stream()
                        .map(m -> m.extension("status").orElseThrow().textValue())
                        .toList()
                        .equals(expected));
    }

    private static String framed(String json) {
        return new String(Wire.frame(json), java.nio.charset.StandardCharsets.UTF_8);
    }
}
