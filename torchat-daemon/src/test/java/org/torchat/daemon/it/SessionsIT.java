package org.torchat.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchat.daemon.testing.Await;
import org.torchat.daemon.testing.ContactRows;
import org.torchat.daemon.testing.RawSession;
import org.torchat.daemon.testing.TestDaemon;
import org.torchat.daemon.testing.TestSocks5Server;
import org.torchat.daemon.testing.TorchatCli;
import org.torchat.daemon.testing.Wire;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;

/** Sessions and presence between real daemons on loopback, through a SOCKS5 server standing in for Tor. */
class SessionsIT {
    private static final String[] CONFIG = {
        "heartbeat: 300", "connectpace: 0", "retrydelay: 200", "maxunread: 5000", "maxunreadbytes: 10000000"
    };

    @TempDir
    Path tmp;

    private TestSocks5Server socks;
    private final List<TestDaemon> running = new ArrayList<>();

    @BeforeEach
    void socks() throws Exception {
        socks = new TestSocks5Server();
    }

    @AfterEach
    void stop() throws Exception {
        running.forEach(TestDaemon::close);
        socks.close();
    }

    /** Starts a daemon with {@link #CONFIG}, where a line of {@code extra} replaces the line of the same key. */
    private TestDaemon start(String name, String... extra) throws Exception {
        java.util.Map<String, String> byKey = new java.util.LinkedHashMap<>();
        for (String line : List.of(CONFIG)) {
            byKey.put(line.substring(0, line.indexOf(':')), line);
        }
        for (String line : extra) {
            byKey.put(line.substring(0, line.indexOf(':')), line);
        }
        List<String> lines = new ArrayList<>(byKey.values());
        TestDaemon d = TestDaemon.startReachable(tmp, name, socks, lines.toArray(String[]::new));
        running.add(d);
        return d;
    }

    private static void befriend(TestDaemon a, TestDaemon b) throws Exception {
        a.client().changeContact(Command.ADD_CONTACT, b.address().hostname(), "");
        b.client().changeContact(Command.ADD_CONTACT, a.address().hostname(), "");
    }

    /** The CONTACTS frame {@code of} shows for {@code peer}. */
    private static Message contact(TestDaemon of, String address) throws Exception {
        return ContactRows.row(of.client(), address).orElseThrow();
    }

    private static Message contact(TestDaemon of, TestDaemon peer) throws Exception {
        return contact(of, peer.address().hostname());
    }

    private static String presence(TestDaemon of, TestDaemon peer) throws Exception {
        return ContactRows.presence(of.client(), peer.address().hostname());
    }

    @Test
    void presenceGoesOnlineWhenTheContactStartsAndOfflineWhenItStops() throws Exception {
        TestDaemon alice = start("alice");
        TestDaemon bob = start("bob");
        befriend(alice, bob);
        // Adding a contact dials it: both are online without a message having been sent.
        Await.until(() -> presence(alice, bob), "online"::equals, Duration.ofSeconds(20));
        Await.until(() -> presence(bob, alice), "online"::equals, Duration.ofSeconds(20));

        bob.close();
        running.remove(bob);
        TestDaemon bobAgain = start("bob");
        // Bob dials his contacts when he starts: Alice sees him online without having sent anything.
        Await.until(() -> presence(alice, bobAgain), "online"::equals, Duration.ofSeconds(20));
        Await.until(() -> presence(bobAgain, alice), "online"::equals, Duration.ofSeconds(20));
        String sessionAtAlice = contact(alice, bobAgain)
                .extension(Extensions.SESSION)
                .orElseThrow()
                .asText();
        String sessionAtBob = contact(bobAgain, alice)
                .extension(Extensions.SESSION)
                .orElseThrow()
                .asText();
        assertEquals(sessionAtAlice, sessionAtBob, "both ends name the same session");

        bobAgain.close();
        running.remove(bobAgain);
        Await.until(() -> presence(alice, bobAgain), "offline"::equals, Duration.ofSeconds(10));
        Message row = contact(alice, bobAgain);
        assertTrue(row.extension(Extensions.SESSION).orElseThrow().isNull(), row.toString());
        assertTrue(
                row.extension(Extensions.LAST_SEEN).orElseThrow().asLong() > System.currentTimeMillis() - 15_000,
                "last seen is when the session ended: " + row);
    }

    @Test
    void removingOrBlockingAContactEndsItsSessionSoItHearsNoMoreOfOurPresence() throws Exception {
        TestDaemon alice = start("alice");
        TestDaemon bob = start("bob");
        TestDaemon carol = start("carol");
        befriend(alice, bob);
        befriend(alice, carol);
        for (TestDaemon peer : List.of(bob, carol)) {
            Await.until(() -> presence(peer, alice), "online"::equals, Duration.ofSeconds(20));
        }
        alice.client().changeContact(Command.REMOVE_CONTACT, bob.address().hostname(), "");
        alice.client().changeContact(Command.BLOCK, carol.address().hostname(), "");
        Await.until(() -> presence(bob, alice), "offline"::equals, Duration.ofSeconds(10));
        Await.until(() -> presence(carol, alice), "offline"::equals, Duration.ofSeconds(10));
        // They dial again (Alice is still their contact) and are refused: Alice stays offline to them.
        Thread.sleep(1500);
        assertEquals("offline", presence(bob, alice));
        assertEquals("offline", presence(carol, alice));
        // A message from the removed contact still arrives, one-shot, as a stranger's request.
        bob.client().send(alice.address().hostname(), "are we still friends?");
        Await.until(
                () -> alice.client().requests().stream().map(Message::id).toList(),
                ids -> ids.contains(bob.address().hostname()),
                Duration.ofSeconds(20));
    }

    @Test
    void pingMeasuresTheRoundTripOverTheSessionAndFailsClearlyWithoutOne() throws Exception {
        TestDaemon alice = start("alice");
        TestDaemon bob = start("bob");
        befriend(alice, bob);
        Await.until(() -> presence(alice, bob), "online"::equals, Duration.ofSeconds(20));
        alice.client().changeContact(Command.RENAME, bob.address().hostname(), "bobby");
        String port = String.valueOf(alice.controlPort());

        TorchatCli.Run run = TorchatCli.torchat("ping", "bobby", "-c", "2", "-p", port);
        assertEquals(0, run.code(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(2, lines.size(), run.out());
        for (String line : lines) {
            assertTrue(line.matches("bobby: round trip \\d+\\.\\d ms"), line);
        }

        String offline = org.torchat.protocol.identity.Ed25519Identity.generate()
                .onionAddress()
                .hostname();
        alice.client().changeContact(Command.ADD_CONTACT, offline, "");
        TorchatCli.Run none = TorchatCli.torchat("ping", offline, "-p", port);
        assertEquals(1, none.code(), none.out());
        assertTrue(none.err().contains("no session with " + offline), none.err());
        TorchatCli.Run unknown = TorchatCli.torchat("ping", "nobody", "-p", port);
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("nobody"), unknown.err());
        assertEquals(
                2, TorchatCli.torchat("ping", "bobby", "-c", "0", "-p", port).code());

        // A contact's echo request is answered with its token; one with a token over 64 characters ends its session.
        org.torchat.protocol.identity.Ed25519Identity mallory =
                org.torchat.protocol.identity.Ed25519Identity.generate();
        String m = mallory.onionAddress().hostname();
        alice.client().changeContact(Command.ADD_CONTACT, m, "");
        try (RawSession raw = RawSession.open(mallory, alice)) {
            raw.send(Message.of(Command.PING, m, 80, "")
                    .withExtension(
                            Extensions.ECHO, com.fasterxml.jackson.databind.node.TextNode.valueOf("x".repeat(64))));
            assertTrue(raw.receive().contains("\"echoed\":\"" + "x".repeat(64) + "\""), "answered with the same token");
            Await.until(
                    () -> contact(alice, m)
                            .extension(Extensions.SESSION)
                            .orElseThrow()
                            .isNull(),
                    open -> !open,
                    Duration.ofSeconds(5));
            raw.send(Message.of(Command.PING, m, 80, "")
                    .withExtension(
                            Extensions.ECHO, com.fasterxml.jackson.databind.node.TextNode.valueOf("x".repeat(65))));
            Await.until(
                    () -> contact(alice, m)
                            .extension(Extensions.SESSION)
                            .orElseThrow()
                            .isNull(),
                    closed -> closed,
                    Duration.ofSeconds(5));
        }
    }

    /** {@code torchat watch --presence}, run as a user would, prints Bob coming online, then his message. */
    @Test
    void watchWithPresenceShowsAContactComingOnlineBeforeItsMessage() throws Exception {
        TestDaemon alice = start("alice");
        TestDaemon bob = start("bob");
        befriend(alice, bob);
        bob.close();
        running.remove(bob);
        Await.until(() -> presence(alice, bob), "offline"::equals, Duration.ofSeconds(10));
        ExecutorService watcher = Executors.newSingleThreadExecutor();
        try {
            Future<TorchatCli.Run> watch = watcher.submit(() -> TorchatCli.torchat(
                    "watch", "--presence", "--count", "1", "-p", String.valueOf(alice.controlPort())));
            Thread.sleep(1000); // the watch has read its baseline: Bob offline
            TestDaemon bobAgain = start("bob");
            Await.until(() -> presence(alice, bobAgain), "online"::equals, Duration.ofSeconds(20));
            Thread.sleep(1500); // the presence token is signalled at most once a second
            bobAgain.client().send(alice.address().hostname(), "here now");
            TorchatCli.Run run = watch.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(0, run.code(), run.err());
            List<String> lines = run.out().lines().toList();
            assertEquals(2, lines.size(), run.out());
            assertTrue(
                    lines.get(0)
                            .startsWith("{\"event\":\"presence\",\"peer\":\""
                                    + bob.address().hostname() + "\",\"nickname\":null,\"presence\":\"online\""),
                    lines.get(0));
            assertTrue(
                    lines.get(1)
                            .startsWith("{\"event\":\"message\",\"peer\":\""
                                    + bob.address().hostname() + "\",\"text\":\"here now\""),
                    lines.get(1));
        } finally {
            watcher.shutdownNow();
        }
    }

    @Test
    void aThousandMessagesEachWayAtOnceArriveInOrderWithoutLossOrRepeat() throws Exception {
        TestDaemon alice = start("alice");
        TestDaemon bob = start("bob");
        befriend(alice, bob);
        int n = 1000;
        ExecutorService senders = Executors.newFixedThreadPool(2);
        try {
            Future<?> fromAlice = senders.submit(() -> sendNumbered(alice, bob, n));
            Future<?> fromBob = senders.submit(() -> sendNumbered(bob, alice, n));
            fromAlice.get();
            fromBob.get();
        } finally {
            senders.shutdown();
        }
        assertArrivedInOrder(bob, alice, n);
        assertArrivedInOrder(alice, bob, n);
        assertNotNull(
                contact(alice, bob)
                        .extension(Extensions.SESSION)
                        .filter(s -> !s.isNull())
                        .orElse(null),
                "they travelled on a session");
    }

    private static Void sendNumbered(TestDaemon from, TestDaemon to, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            from.client().send(to.address().hostname(), "n " + i + " 🎉");
        }
        return null;
    }

    private static void assertArrivedInOrder(TestDaemon at, TestDaemon from, int n) throws Exception {
        List<Message> history = Await.until(() -> incoming(at, from, n), h -> h.size() >= n, Duration.ofSeconds(120));
        assertEquals(n, history.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < n; i++) {
            assertEquals("n " + i + " 🎉", history.get(i).msg(), "message " + i);
            ids.add(history.get(i)
                    .extension(Extensions.MESSAGE_ID)
                    .orElseThrow()
                    .asText());
            assertTrue(
                    history.get(i).extension(Extensions.VERIFIED).orElseThrow().asBoolean(),
                    "a session authenticates its messages");
        }
        assertEquals(n, ids.size(), "no message stored twice");
    }

    private static List<Message> incoming(TestDaemon at, TestDaemon from, int n) throws Exception {
        // EXPORT: the whole conversation, however long (HISTORY reads at most 1,000)
        return at
                .client()
                .requestUntilEnd(Message.of(Command.EXPORT, from.address().hostname(), 80, ""))
                .stream()
                .filter(m -> m.cmd() == Command.HISTORY)
                .filter(m -> m.extension(Extensions.DIRECTION)
                        .map(JsonNode::asText)
                        .orElse("")
                        .equals("in"))
                .toList();
    }

    @Test
    void aPeerWithoutSessionsStillExchangesMessagesOneFrameEach() throws Exception {
        TestDaemon alice = start("alice");
        TestDaemon old = start("old", "sessions: false");
        befriend(alice, old);
        alice.client().send(old.address().hostname(), "to the old one");
        old.client().send(alice.address().hostname(), "from the old one");
        Await.until(() -> incoming(old, alice, 1), h -> h.size() == 1, Duration.ofSeconds(20));
        Await.until(() -> incoming(alice, old, 1), h -> h.size() == 1, Duration.ofSeconds(20));
        assertEquals("offline", presence(alice, old), "no session, so no presence");
        assertEquals("to the old one", incoming(old, alice, 1).get(0).msg());
    }

    @Test
    void aSeedFrameWithoutProtoIsStillStored() throws Exception {
        TestDaemon alice = start("alice", "strangers: allow");
        String sender = org.torchat.protocol.identity.Ed25519Identity.generate()
                .onionAddress()
                .hostname();
        String reply = Wire.exchange(
                alice.peerPort(),
                Wire.frame("{\"cmd\":\"RECV\",\"id\":\"" + sender + "\",\"msg\":\"seed says hi\",\"portno\":80}"));
        assertTrue(reply.contains("\"cmd\":\"END\""), reply);
    }

    @Test
    void aStrangerCannotOpenASession() throws Exception {
        TestDaemon alice = start("alice");
        String stranger = org.torchat.protocol.identity.Ed25519Identity.generate()
                .onionAddress()
                .hostname();
        String reply = Wire.exchange(
                alice.peerPort(),
                Wire.frame("{\"cmd\":\"SESSION\",\"id\":\"" + stranger
                        + "\",\"msg\":\"\",\"portno\":80,\"step\":\"hello\"}"));
        assertTrue(reply.contains("\"cmd\":\"ERR\"") && reply.contains("sessions are only for contacts"), reply);
    }

    @Test
    void aContactFloodingItsSessionIsHeldAtWhatItMayLeaveUnreadAndLosesNothing() throws Exception {
        TestDaemon alice = start("alice");
        TestDaemon bob = start("bob", "maxunread: 50");
        befriend(alice, bob);
        for (int i = 0; i < 200; i++) {
            alice.client().send(bob.address().hostname(), "flood " + i);
        }
        // Bob keeps exactly what Alice may leave unread; the rest waits at Alice, refused with the reason, not failed.
        List<Message> refused =
                Await.until(() -> outgoingWithError(alice, bob), l -> l.size() == 150, Duration.ofSeconds(30));
        assertTrue(
                refused.stream()
                        .allMatch(m -> m.extension(Extensions.STATUS)
                                        .orElseThrow()
                                        .asText()
                                        .equals("queued")
                                && m.extension(Extensions.ERROR)
                                        .orElseThrow()
                                        .asText()
                                        .contains("unread messages (limit 50)")),
                refused.get(0).toString());
        assertEquals(50, incoming(bob, alice, 200).size());
        assertEquals("online", presence(alice, bob), "refusals do not end the session");

        // Bob reads one: there is room for one more. He answers, as a reader does; a message from him tells Alice he
        // is reachable, and what waits for him goes at once, in order. (Without it, the next try comes after the
        // backoff the refusals built up, which under load can outlast any fixed wait here.)
        assertTrue(bob.client().update(alice.address().hostname()).isPresent());
        bob.client().send(alice.address().hostname(), "read one, send more");
        List<Message> after = Await.until(() -> incoming(bob, alice, 200), l -> l.size() == 51, Duration.ofSeconds(30));
        assertEquals("flood 50", after.get(50).msg());
    }

    private static List<Message> outgoingWithError(TestDaemon from, TestDaemon to) throws Exception {
        return from.client().history(to.address().hostname(), 1000).stream()
                .filter(m -> m.extension(Extensions.DIRECTION)
                        .map(JsonNode::asText)
                        .orElse("")
                        .equals("out"))
                .filter(m ->
                        m.extension(Extensions.ERROR).filter(e -> !e.isNull()).isPresent())
                .toList();
    }

    @Test
    void aFloodOfHandshakesInAContactsNameStopsAtTheSharedBudgetAndTheContactStillGetsThrough() throws Exception {
        TestDaemon alice = start("alice");
        TestDaemon bob = start("bob");
        befriend(alice, bob);
        // Befriending dials: the real session's handshakes come out of the same budget first.
        Await.until(() -> presence(alice, bob), "online"::equals, Duration.ofSeconds(20));
        // Anyone can claim Bob's address in hello: Alice then does a key agreement and waits for a proof it never gets.
        int challenged = 0;
        int refused = 0;
        for (int i = 0; i < 100; i++) {
            org.torchat.protocol.session.SessionHandshake.Initiator forger =
                    new org.torchat.protocol.session.SessionHandshake.Initiator(
                            org.torchat.protocol.identity.Ed25519Identity.generate(), alice.address(), 80);
            Message hello = forger.hello();
            Message inBobsName = new Message(hello.cmd(), bob.address().hostname(), 80, "", null, hello.extensions());
            String reply = firstReply(alice.peerPort(), org.torchat.protocol.MessageCodec.encode(inBobsName));
            if (reply.contains("\"step\":\"challenge\"")) {
                challenged++;
            } else if (reply.contains("too many session handshakes")) {
                refused++;
            }
        }
        assertTrue(
                challenged >= 57 && challenged <= 70,
                "the burst of 60, less the real handshakes, and what refilled meanwhile: " + challenged);
        assertEquals(100, challenged + refused);
        // The session opened before the flood still carries Bob's message.
        bob.client().send(alice.address().hostname(), "still here");
        Await.until(() -> incoming(alice, bob, 1), l -> l.size() == 1, Duration.ofSeconds(30));
        // Bob restarted needs a new session, refused while the budget refills: his message goes as a signed one-shot.
        bob.close();
        running.remove(bob);
        TestDaemon bobAgain = start("bob");
        bobAgain.client().send(alice.address().hostname(), "back again");
        Await.until(() -> incoming(alice, bobAgain, 2), l -> l.size() == 2, Duration.ofSeconds(30));
    }

    @Test
    void aMessageDoesNotWaitBehindBackgroundDialsToAContactThatNeverAnswers() throws Exception {
        try (java.net.ServerSocket silent =
                new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            // A contact whose onion accepts the stream and never answers: each background dial waits out its timeout.
            String silentAddress = org.torchat.protocol.identity.Ed25519Identity.generate()
                    .onionAddress()
                    .hostname();
            socks.map(silentAddress, silent.getLocalPort());
            TestDaemon alice = start("alice", "connectparallel: 1", "epolltimeout: 15000");
            TestDaemon bob = start("bob", "appearoffline: true"); // never dials back on its own
            alice.client().changeContact(Command.ADD_CONTACT, silentAddress, "a silent one");
            befriend(alice, bob);
            alice.close();
            running.remove(alice);
            TestDaemon aliceAgain = start("alice", "connectparallel: 1", "epolltimeout: 15000");
            Thread.sleep(300); // the background dial to the silent contact has begun and holds the one slot

            aliceAgain.client().send(bob.address().hostname(), "not behind the silent one");
            Await.until(() -> incoming(bob, aliceAgain, 1), l -> l.size() == 1, Duration.ofSeconds(8));
        }
    }

    @Test
    void aContactThatStopsReadingDoesNotHoldUpTheHeartbeatsOfTheOthers() throws Exception {
        // Mallory's frames are read at full speed, so that Alice's answers fill the connection within the test's
        // seconds (at the default sessionrate that takes longer, which is the point of it, but not of this test).
        TestDaemon alice = start("alice", "sessionrate: 1000000");
        TestDaemon bob = start("bob");
        befriend(alice, bob);
        bob.client().send(alice.address().hostname(), "hi");
        Await.until(() -> presence(alice, bob), "online"::equals, Duration.ofSeconds(20));
        String session =
                contact(bob, alice).extension(Extensions.SESSION).orElseThrow().asText();

        // Mallory, a contact, opens a session, sends a message without 'ts' over and over (each is refused with an ERR,
        // at no cost to the store), and never reads: Alice's answers fill the connection until its writer blocks.
        org.torchat.protocol.identity.Ed25519Identity mallory =
                org.torchat.protocol.identity.Ed25519Identity.generate();
        alice.client().changeContact(Command.ADD_CONTACT, mallory.onionAddress().hostname(), "mallory");
        try (RawSession raw = RawSession.open(mallory, alice)) {
            Message again = Message.of(Command.RECV, mallory.onionAddress().hostname(), 80, "again")
                    .withExtension(
                            Extensions.MESSAGE_ID,
                            com.fasterxml.jackson.databind.node.TextNode.valueOf("mallory-repeats-this-id"));
            // ... and asks for echoes, which Alice answers only while her writer is free: nothing queues for Mallory.
            Message echo = Message.of(Command.PING, mallory.onionAddress().hostname(), 80, "")
                    .withExtension(Extensions.ECHO, com.fasterxml.jackson.databind.node.TextNode.valueOf("e"));
            Thread pinger = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        raw.send(again);
                        raw.send(echo);
                    }
                } catch (Exception e) {
                    // the test is over
                }
            });
            pinger.setDaemon(true);
            pinger.start();
            try {
                Thread.sleep(5000); // Alice's writer to Mallory blocks within a second or two; then ten heartbeats
                assertEquals("online", presence(bob, alice), "Bob still hears Alice's heartbeats");
                assertEquals(
                        session,
                        contact(bob, alice)
                                .extension(Extensions.SESSION)
                                .orElseThrow()
                                .asText(),
                        "the same session all along: it never went silent");
                // ... and Mallory's session, whose writer stayed blocked for three heartbeats, is closed.
                Message malloryRow = alice.client().contacts().stream()
                        .filter(m -> m.id().equals(mallory.onionAddress().hostname()))
                        .findFirst()
                        .orElseThrow();
                assertTrue(
                        malloryRow.extension(Extensions.SESSION).orElseThrow().isNull(), malloryRow.toString());
            } finally {
                pinger.interrupt();
            }
        }
    }

    @Test
    void aContactFloodingItsSessionWithFramesIsReadNoFasterThanItsFrameRate() throws Exception {
        TestDaemon alice = start("alice", "sessionrate: 200");
        org.torchat.protocol.identity.Ed25519Identity mallory =
                org.torchat.protocol.identity.Ed25519Identity.generate();
        alice.client().changeContact(Command.ADD_CONTACT, mallory.onionAddress().hostname(), "mallory");
        try (RawSession raw = RawSession.open(mallory, alice)) {
            // Each of these is refused with an ERR (no 'ts'): what Alice answers counts what she read.
            Message refused = Message.of(Command.RECV, mallory.onionAddress().hostname(), 80, "again")
                    .withExtension(
                            Extensions.MESSAGE_ID,
                            com.fasterxml.jackson.databind.node.TextNode.valueOf("mallory-repeats-this-id"));
            Thread flood = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        raw.send(refused);
                    }
                } catch (Exception e) {
                    // the test is over
                }
            });
            flood.setDaemon(true);
            flood.start();
            int answered = 0;
            long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            try {
                while (System.nanoTime() < end) {
                    if (raw.receive().contains("\"cmd\":\"ERR\"")) {
                        answered++;
                    }
                }
            } finally {
                flood.interrupt();
            }
            // A burst of 400, then 200 a second: about 1,000 in 3 s (950 seen); unbounded, 66,771 were answered.
            assertTrue(answered >= 400 && answered <= 1200, "frames read in 3 s at 200 a second: " + answered);
        }
        assertEquals(alice.address().hostname(), alice.client().host(), "Alice still answers her client");
    }

    @Test
    void aContactTogglingItsPresenceMovesThePresenceTokenAtMostOnceASecond() throws Exception {
        TestDaemon alice = start("alice");
        org.torchat.protocol.identity.Ed25519Identity mallory =
                org.torchat.protocol.identity.Ed25519Identity.generate();
        alice.client().changeContact(Command.ADD_CONTACT, mallory.onionAddress().hostname(), "mallory");
        try (RawSession raw = RawSession.open(mallory, alice)) {
            String token = alice.client()
                    .awaitPeersReply(Duration.ZERO)
                    .extension(Extensions.PRESENCE_VERSION)
                    .orElseThrow()
                    .asText();
            Thread toggler = new Thread(() -> {
                try {
                    for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                        raw.send(Message.of(
                                Command.PRESENCE,
                                mallory.onionAddress().hostname(),
                                80,
                                i % 2 == 0 ? "away" : "online"));
                    }
                } catch (Exception e) {
                    // the test is over
                }
            });
            toggler.setDaemon(true);
            toggler.start();
            int moves = 0;
            try {
                long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                while (System.nanoTime() < end) {
                    Message reply = alice.client()
                            .awaitPeersReply(
                                    Duration.ofMillis(500), java.util.Map.of(Extensions.PRESENCE_VERSION, token));
                    String now = reply.extension(Extensions.PRESENCE_VERSION)
                            .orElseThrow()
                            .asText();
                    if (!now.equals(token)) {
                        moves++;
                        token = now;
                    }
                }
            } finally {
                toggler.interrupt();
            }
            // Thousands of toggles in 3 s: every client re-reading CONTACTS for each would be the flood's amplifier.
            assertTrue(moves >= 1 && moves <= 5, "the presence token moved " + moves + " times in 3 s");
        }
    }

    /** A session opened by hand, as a hostile contact's daemon would: the handshake, then frames sealed at will. */
    /** The first frame the peer port answers to {@code json}; the connection is then dropped. */
    private static String firstReply(int port, String json) throws Exception {
        try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(Wire.frame(json));
            return new org.torchat.protocol.FrameReader(s.getInputStream())
                    .read()
                    .orElse("");
        }
    }
}
