package org.torchat.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.torchat.daemon.testing.Await;
import org.torchat.daemon.testing.ContactRows;
import org.torchat.daemon.testing.TestDaemon;
import org.torchat.daemon.testing.tor.PrivateTorNetwork;
import org.torchat.daemon.tor.TorStatus;
import org.torchat.protocol.Message;

/**
 * The whole product over real Tor: a private Tor network on loopback, two daemons that each start their own
 * managed tor, publish their onion service from their own identity key, and exchange messages through real
 * onion circuits. Skipped, visibly, where tor is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnionDeliveryIT {
    @TempDir
    static Path tmp;

    private PrivateTorNetwork network;
    private TestDaemon alice;
    private TestDaemon bob;
    private long alicePublishedMillis;

    @BeforeAll
    void startNetworkAndDaemons() throws Exception {
        Optional<String> reason = PrivateTorNetwork.unavailableReason();
        reason.ifPresent(r -> System.err.println("SKIPPED OnionDeliveryIT: " + r));
        Assumptions.assumeTrue(reason.isEmpty(), () -> "OnionDeliveryIT skipped: " + reason.orElse(""));
        network = PrivateTorNetwork.start(tmp.resolve("network"));
        long start = System.nanoTime();
        alice = startDaemon("alice", torrcExtra("alice"));
        awaitPublished(alice);
        alicePublishedMillis = (System.nanoTime() - start) / 1_000_000;
        bob = startDaemon("bob", torrcExtra("bob"));
        awaitPublished(bob);
    }

    /**
     * The private network's lines, and a log of tor's onion-service domain at debug level: what tor itself says
     * about the proof-of-work defence is how the test reads it back.
     */
    private Path torrcExtra(String name) throws Exception {
        List<String> lines = new java.util.ArrayList<>(network.clientTorrcLines());
        lines.add("Log [rend]debug file " + rendLog(name));
        return Files.write(tmp.resolve(name + "-privnet.torrc"), lines);
    }

    private static Path rendLog(String name) {
        return tmp.resolve(name + "-tor-rend.log").toAbsolutePath();
    }

    private static TestDaemon startDaemon(String name, Path extraTorrc) throws Exception {
        return startDaemonIn(TestDaemon.newDataDir(tmp, name), extraTorrc);
    }

    private static TestDaemon startDaemonIn(Path dataDir, Path extraTorrc, String... extra) throws Exception {
        // The SOCKS address TestDaemon passes is ignored: tor: managed means the daemon's own tor's SOCKS port.
        List<String> lines = new java.util.ArrayList<>(List.of(
                "tor: managed",
                "torrcextra: " + extraTorrc,
                "retrydelay: 500",
                "strangers: allow",
                "fileaccept: all",
                "fileautoacceptmax: 104857600"));
        lines.addAll(List.of(extra));
        return TestDaemon.start(dataDir, "127.0.0.1:9", lines.toArray(String[]::new));
    }

    private static TorStatus awaitPublished(TestDaemon d) throws Exception {
        return Await.until(() -> d.daemon().torStatus().orElseThrow(), TorStatus::published, Duration.ofSeconds(120));
    }

    @AfterAll
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {alice, bob, network}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                System.err.println("OnionDeliveryIT cleanup: " + e);
            }
        }
    }

    @Test
    void messagesTravelBothWaysThroughRealOnionCircuits() throws Exception {
        String a = alice.address().hostname();
        String b = bob.address().hostname();
        assertEquals(a, alice.client().host(), "tor publishes the address the daemon derives");
        Message status = alice.client().request(Message.of(org.torchat.protocol.Command.STATUS, "localhost", 0, ""));
        assertEquals(true, status.extension("published").orElseThrow().booleanValue(), status.toString());
        assertEquals("ready", status.extension("tor").orElseThrow().textValue());

        long t0 = System.nanoTime();
        alice.client().send(b, "hello bob, over Tor");
        List<String> peers =
                Await.until(() -> bob.client().peersWithUnread(), l -> !l.isEmpty(), Duration.ofSeconds(120));
        long firstMillis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(List.of(a), peers);
        assertEquals("hello bob, over Tor", bob.client().update(a).orElseThrow().msg());
        Message received = bob.client().history(a, 1).get(0);
        assertEquals("in", received.extension("direction").orElseThrow().textValue());

        bob.client().send(a, "hello alice, back over Tor");
        Await.until(() -> alice.client().peersWithUnread(), l -> l.equals(List.of(b)), Duration.ofSeconds(120));
        assertEquals(
                "hello alice, back over Tor",
                alice.client().update(b).orElseThrow().msg());
        awaitDelivered(alice, b, 1);
        awaitDelivered(bob, a, 1);

        double[] roundTrips = new double[100];
        for (int i = 0; i < roundTrips.length; i++) {
            long s = System.nanoTime();
            alice.client().send(b, "ping " + i);
            awaitDelivered(alice, b, i + 2);
            roundTrips[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(roundTrips);
        System.out.printf(
                Locale.ROOT,
                "OnionDeliveryIT: network ready %d ms (keys %d ms); daemon start -> published %d ms; "
                        + "first message A->B stored at B after %d ms; SEND -> delivered (acknowledged) over an open path: "
                        + "median %.1f ms, p90 %.1f ms, max %.1f ms (100 messages)%n",
                network.readyTime().toMillis(),
                network.keygenTime().toMillis(),
                alicePublishedMillis,
                firstMillis,
                roundTrips[49],
                roundTrips[89],
                roundTrips[99]);
    }

    /**
     * A file through real onion circuits, its hash checked by the receiver. 2 MiB keeps the suite quick; a manual
     * measurement passes {@code -Dtorchat.onionFileMiB=20} (docs/PERFORMANCE.md).
     */
    @Test
    void aFileTravelsThroughRealOnionCircuits() throws Exception {
        int mebibytes = Integer.getInteger("torchat.onionFileMiB", 2);
        byte[] content = new byte[mebibytes * 1024 * 1024];
        new java.util.Random(3).nextBytes(content);
        Path file = Files.write(tmp.resolve("onion-file.bin"), content);
        long t0 = System.nanoTime();
        String tid = alice.client()
                .sendFile(bob.address().hostname(), file, (sent, total) -> {})
                .extension(org.torchat.protocol.Extensions.TRANSFER_ID)
                .orElseThrow()
                .asText();
        Message done =
                org.torchat.daemon.testing.TransferProbe.await(bob.client(), tid, "complete", Duration.ofSeconds(600));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(
                java.util.Arrays.hashCode(content),
                java.util.Arrays.hashCode(
                        Files.readAllBytes(Path.of(done.extension(org.torchat.protocol.Extensions.PATH)
                                .orElseThrow()
                                .asText()))));
        System.out.printf(
                Locale.ROOT,
                "OnionDeliveryIT: %d MiB file, upload + transfer through onion circuits "
                        + "until saved at B: %.1f s (%.2f MiB/s)%n",
                mebibytes,
                seconds,
                mebibytes / seconds);
    }

    /**
     * Issue 13: our onion service is published with tor's own defences. Read back three ways: what tor accepted
     * (STATUS), what Alice's tor says it put in her descriptor, and what Bob's tor found in that descriptor when it
     * connected to her.
     */
    @Test
    void theOnionServiceIsPublishedWithTorsProofOfWorkDefenceAndAStreamsLimit() throws Exception {
        Message status = alice.client().request(Message.of(org.torchat.protocol.Command.STATUS, "localhost", 0, ""));
        com.fasterxml.jackson.databind.JsonNode defences =
                status.extension("defences").orElseThrow(() -> new AssertionError("no defences in " + status));
        assertEquals("on", defences.path("pow").asText(), status.toString());
        assertEquals(20, defences.path("powqueuerate").asInt());
        assertEquals(200, defences.path("powqueueburst").asInt());
        assertEquals(16, defences.path("maxstreams").asInt());

        Await.until(
                () -> Files.readString(rendLog("alice")),
                log -> log.contains("Initializing pow_params in descriptor"),
                Duration.ofSeconds(60));

        String a = alice.address().hostname();
        bob.client().send(a, "a message through alice's defences");
        Await.until(
                () -> bob.client().history(a, 1000).stream()
                        .filter(m -> m.msg().equals("a message through alice's defences"))
                        .anyMatch(m ->
                                m.extension("status").orElseThrow().textValue().equals("delivered")),
                delivered -> delivered,
                Duration.ofSeconds(120));
        // read it, so that the other tests find no unread message of ours
        assertEquals(
                "a message through alice's defences",
                alice.client().update(bob.address().hostname()).orElseThrow().msg());
        String bobLog = Files.readString(rendLog("bob"));
        assertTrue(
                bobLog.contains("PoW params present in descriptor"),
                "Bob's tor found no proof-of-work parameters in Alice's descriptor (" + rendLog("bob") + ")");
    }

    /**
     * Issue 15, over real onion circuits, side by side in one run and on one path. Dave appears offline, so he
     * never dials: the session is the stream Carol opens on her rendezvous circuit to him. Echoes over it measure the
     * network's round trip; then messages go over it. Then Dave removes Carol, so she is a stranger to him and gets
     * no session: the same messages each take a new stream on that same circuit, as in protocol 1. Last, Dave
     * restarts, visible and with Carol a contact again: how long until each shows the other online.
     */
    /**
     * Issue 16: a group of three over real onion circuits. Erin is Alice's contact only, not Bob's: Bob and Erin reach
     * each other through the group, over a session between two daemons that are not contacts.
     */
    @Test
    void aGroupOfThreeExchangesMessagesOverRealOnionCircuits() throws Exception {
        TestDaemon erin = startDaemon("erin", torrcExtra("erin"));
        try {
            awaitPublished(erin);
            String id = alice.client().createGroup("onion trio \ud83e\uddc5");
            for (TestDaemon m : List.of(bob, erin)) {
                addContact(alice, m); // Alice and Bob may be contacts already: the class's tests share them
                addContact(m, alice);
            }
            alice.client()
                    .inviteToGroup(
                            id, List.of(bob.address().hostname(), erin.address().hostname()));
            for (TestDaemon m : List.of(bob, erin)) {
                Await.until(
                        () -> m.client().groupInvites().stream().anyMatch(i -> i.id().equals(id)),
                        x -> x,
                        Duration.ofSeconds(120));
                m.client().groupStep(org.torchat.protocol.Command.GROUP_JOIN, id);
            }
            for (TestDaemon d : List.of(alice, bob, erin)) {
                Await.until(() -> groupSize(d, id), n -> n == 3, Duration.ofSeconds(120));
            }
            for (TestDaemon d : List.of(alice, bob, erin)) {
                long start = System.nanoTime();
                String text = "from " + d.address().hostname().substring(0, 6);
                d.client().sendToGroup(id, text);
                for (TestDaemon r : List.of(alice, bob, erin)) {
                    Await.until(() -> groupTexts(r, id), t -> t.contains(text), Duration.ofSeconds(120));
                }
                System.out.printf(
                        "group over onion circuits: %s's message at all three members after %d ms%n",
                        text, (System.nanoTime() - start) / 1_000_000);
            }
            for (TestDaemon d : List.of(alice, bob, erin)) {
                assertEquals(3, groupTexts(d, id).size(), "each message once");
            }
            assertTrue(
                    erin.client().contacts().stream()
                            .noneMatch(c -> c.id().equals(bob.address().hostname())),
                    "Bob did not become Erin's contact");
        } finally {
            erin.close();
        }
    }

    private static void addContact(TestDaemon of, TestDaemon peer) throws Exception {
        boolean known = of.client().contacts().stream()
                .anyMatch(c -> c.id().equals(peer.address().hostname()));
        if (!known) {
            of.client()
                    .changeContact(
                            org.torchat.protocol.Command.ADD_CONTACT,
                            peer.address().hostname(),
                            "");
        }
    }

    private static int groupSize(TestDaemon d, String id) throws Exception {
        return d.client().groups().stream()
                .filter(g -> g.id().equals(id)
                        && g.extension(org.torchat.protocol.Extensions.STATE)
                                .orElseThrow()
                                .asText()
                                .equals("member"))
                .mapToInt(g -> g.extension(org.torchat.protocol.Extensions.MEMBERS)
                        .orElseThrow()
                        .asInt())
                .findFirst()
                .orElse(0);
    }

    private static List<String> groupTexts(TestDaemon d, String id) throws Exception {
        return d.client().groupHistory(id, 100).stream()
                .map(org.torchat.protocol.Message::msg)
                .toList();
    }

    @Test
    void aSessionOverRealOnionCircuitsCarriesPresenceAndMessagesInAboutOneRoundTrip() throws Exception {
        Path daveDir = TestDaemon.newDataDir(tmp, "dave");
        String[] strangersMayWriteOften = {"requestmessages: 1000", "requestbytes: 1000000"};
        TestDaemon carol = startDaemon("carol", torrcExtra("carol"));
        TestDaemon dave = startDaemonIn(
                daveDir,
                torrcExtra("dave"),
                "appearoffline: true",
                strangersMayWriteOften[0],
                strangersMayWriteOften[1]);
        List<TestDaemon> started = new java.util.ArrayList<>(List.of(carol, dave));
        try {
            awaitPublished(carol);
            awaitPublished(dave);
            String c = carol.address().hostname();
            String d = dave.address().hostname();
            dave.client().changeContact(org.torchat.protocol.Command.ADD_CONTACT, c, "carol");
            carol.client().changeContact(org.torchat.protocol.Command.ADD_CONTACT, d, "dave");
            Await.until(() -> presence(dave, c), "online"::equals, Duration.ofSeconds(120));
            Optional<String> session =
                    Await.until(() -> session(carol, d), Optional::isPresent, Duration.ofSeconds(10));
            assertEquals(session, session(dave, c), "both ends name the same session");
            assertEquals("offline", presence(carol, d), "Dave appears offline: a session, and no presence");

            double[] echoes = new double[30];
            for (int i = 0; i < echoes.length; i++) {
                echoes[i] = carol.client().ping(d);
            }
            double[] overSession = timeDeliveries(carol, d, "session ", 30);
            // A file goes on its own stream: messages on the session do not queue behind its chunks.
            byte[] content = new byte[4 * 1024 * 1024];
            new java.util.Random(5).nextBytes(content);
            Path file = Files.write(tmp.resolve("beside-the-session.bin"), content);
            String tid = carol.client()
                    .sendFile(d, file, (sent, total) -> {})
                    .extension(org.torchat.protocol.Extensions.TRANSFER_ID)
                    .orElseThrow()
                    .asText();
            Thread.sleep(300); // the transfer is under way
            double[] duringFile = timeDeliveries(carol, d, "during a file ", 10);
            org.torchat.daemon.testing.TransferProbe.await(dave.client(), tid, "complete", Duration.ofSeconds(600));

            dave.client().changeContact(org.torchat.protocol.Command.REMOVE_CONTACT, c, "");
            Await.until(() -> session(carol, d), Optional::isEmpty, Duration.ofSeconds(30));
            carol.client().send(d, "the first one without a session: Carol's dial is refused, then a new stream");
            awaitDelivered(carol, d, 31);
            double[] newStream = timeDeliveries(carol, d, "new stream ", 30);
            assertEquals(
                    Optional.empty(),
                    session(carol, d),
                    "no session with a daemon that does not count Carol a contact");
            List<String> received = dave.client().history(c, 1000).stream()
                    .map(Message::msg)
                    .filter(t ->
                            t.startsWith("new stream ") || t.startsWith("session ") || t.startsWith("during a file "))
                    .toList();
            List<String> expected = new java.util.ArrayList<>();
            for (String prefix : List.of("session ", "during a file ", "new stream ")) {
                for (int i = 0; i < (prefix.startsWith("during") ? 10 : 30); i++) {
                    expected.add(prefix + i);
                }
            }
            assertEquals(expected, received, "every message arrived once, in order");

            dave.client().changeContact(org.torchat.protocol.Command.ADD_CONTACT, c, "carol");
            dave.close();
            long restarted = System.nanoTime();
            TestDaemon daveAgain = startDaemonIn(daveDir, tmp.resolve("dave-privnet.torrc"), strangersMayWriteOften);
            started.add(daveAgain);
            Await.until(() -> presence(daveAgain, c), "online"::equals, Duration.ofSeconds(180));
            double toOnlineAtDave = (System.nanoTime() - restarted) / 1e6;
            Await.until(() -> presence(carol, d), "online"::equals, Duration.ofSeconds(60));
            double toOnlineAtCarol = (System.nanoTime() - restarted) / 1e6;
            System.out.printf(
                    Locale.ROOT,
                    "OnionDeliveryIT: sessions side by side on one circuit (30 each, ms, "
                            + "median / p90 / max): echo over the session %s; SEND -> delivered over the session %s; "
                            + "the same while a 4 MiB file is sent (10) %s; over a new stream each %s; Dave restarted -> "
                            + "Carol online at Dave %.0f ms, Dave online at Carol %.0f ms%n",
                    summary(echoes),
                    summary(overSession),
                    summary(duringFile),
                    summary(newStream),
                    toOnlineAtDave,
                    toOnlineAtCarol);
        } finally {
            started.forEach(TestDaemon::close);
        }
    }

    /** Sends {@code n} messages one after the other, each timed from SEND until its acknowledgement is recorded. */
    private static double[] timeDeliveries(TestDaemon from, String to, String prefix, int n) throws Exception {
        double[] millis = new double[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            String mid = from.client()
                    .send(to, prefix + i)
                    .extension("mid")
                    .orElseThrow()
                    .asText();
            while (!from.client().history(to, 1).stream()
                    .anyMatch(m -> mid.equals(m.extension("mid")
                                    .map(com.fasterxml.jackson.databind.JsonNode::asText)
                                    .orElse(""))
                            && "delivered"
                                    .equals(m.extension("status").orElseThrow().textValue()))) {
                if (System.nanoTime() - start > 120_000_000_000L) {
                    throw new AssertionError(prefix + i + " not delivered within 120 s");
                }
                Thread.sleep(1);
            }
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        return millis;
    }

    private static String summary(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format(
                Locale.ROOT,
                "%.1f / %.1f / %.1f",
                sorted[sorted.length / 2],
                sorted[(int) (sorted.length * 0.9)],
                sorted[sorted.length - 1]);
    }

    private static String presence(TestDaemon of, String peer) throws Exception {
        return ContactRows.presence(of.client(), peer);
    }

    private static Optional<String> session(TestDaemon of, String peer) throws Exception {
        return ContactRows.session(of.client(), peer);
    }

    /** Waits until the first {@code count} outgoing messages to {@code peer} are acknowledged. */
    private static void awaitDelivered(TestDaemon d, String peer, int count) throws Exception {
        Await.until(
                () -> d.client().history(peer, 1000).stream()
                        .filter(m -> m.extension("direction")
                                .orElseThrow()
                                .textValue()
                                .equals("out"))
                        .filter(m ->
                                m.extension("status").orElseThrow().textValue().equals("delivered"))
                        .count(),
                n -> n >= count,
                Duration.ofSeconds(120));
    }
}
