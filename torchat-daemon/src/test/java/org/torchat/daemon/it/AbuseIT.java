package org.torchat.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchat.daemon.testing.Await;
import org.torchat.daemon.testing.StrangerFlood;
import org.torchat.daemon.testing.TestDaemon;
import org.torchat.daemon.testing.TestSocks5Server;
import org.torchat.protocol.Command;
import org.torchat.protocol.Message;

/**
 * Two real daemons, contacts of each other, while made-up strangers flood the receiver's peer port far beyond every
 * budget, signed with throwaway keys and unsigned. Counts and states, not timings: every message of the contact is
 * stored and none was ever refused; requests and strangers' bytes stop at their caps; the daemon keeps answering.
 */
class AbuseIT {
    private static final int MAX_REQUESTS = 20;
    private static final int REQUEST_MESSAGES = 2;
    private static final long STRANGER_QUOTA = 150_000;
    private static final int CONTACT_MESSAGES = 40;

    @TempDir
    Path tmp;

    private TestSocks5Server socks;
    private TestDaemon alice;
    private TestDaemon bob;

    @BeforeEach
    void start() throws Exception {
        socks = new TestSocks5Server();
        alice = TestDaemon.startReachable(tmp, "alice", socks, "retrydelay: 200");
        // The strangers' budget is set high enough that the flood also reaches the request caps quickly.
        bob = TestDaemon.startReachable(
                tmp,
                "bob",
                socks,
                "strangerrate: 1200",
                "strangerburst: 100",
                "maxrequests: " + MAX_REQUESTS,
                "requestmessages: " + REQUEST_MESSAGES,
                "requestbytes: 20000",
                "strangerquota: " + STRANGER_QUOTA);
        alice.client().changeContact(Command.ADD_CONTACT, bob.address().hostname(), "Bob");
        bob.client().changeContact(Command.ADD_CONTACT, alice.address().hostname(), "Alice");
    }

    @AfterEach
    void stop() throws Exception {
        alice.close();
        bob.close();
        socks.close();
    }

    @Test
    void aStrangerFloodNeverRefusesAContactAndStopsAtEveryCap() throws Exception {
        StrangerFlood flood = new StrangerFlood(bob.peerPort(), bob.address(), 5_000, 200);
        ExecutorService flooders = Executors.newFixedThreadPool(6);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            running.add(flooders.submit(() -> {
                while (!Thread.currentThread().isInterrupted() && flood.sent() < 6_000) {
                    flood.sendOne();
                }
            }));
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < CONTACT_MESSAGES; i++) {
            texts.add("from a contact during the flood " + i);
            alice.client().send(bob.address().hostname(), texts.get(i));
            Thread.sleep(50);
        }
        Await.until(
                () -> delivery(tmp.resolve("alice"), bob),
                d -> d.stream().allMatch(s -> s.startsWith("delivered")),
                Duration.ofSeconds(60));
        for (Future<?> f : running) {
            f.get();
        }
        flooders.shutdown();

        assertEquals(texts, storedFrom(alice), "every message of the contact, in order");
        assertEquals(
                List.of("delivered 1"),
                delivery(tmp.resolve("alice"), bob),
                "each was acknowledged at its first attempt: the contact never got ERR");
        Map<String, Long> answers = flood.answers();
        long budgetRefusals = answers.getOrDefault("ERR too many messages", 0L);
        assertTrue(budgetRefusals > 3_000, "the flood was well above the strangers' budget: " + answers);

        Path bobDb = tmp.resolve("bob").resolve("torchat.db");
        assertEquals(MAX_REQUESTS, bob.client().requests().size(), "pending requests stop at the cap: " + answers);
        long strangerBytes = single(
                bobDb,
                "SELECT COALESCE(SUM(LENGTH(CAST(m.body AS BLOB))), 0) FROM messages m "
                        + "JOIN contacts c ON c.address = m.peer WHERE c.state = 'request'");
        long strangerMessages = single(
                bobDb,
                "SELECT COUNT(*) FROM messages m JOIN contacts c ON c.address = m.peer " + "WHERE c.state = 'request'");
        assertTrue(strangerBytes <= STRANGER_QUOTA, "strangers' bytes stop at the quota: " + strangerBytes);
        assertTrue(strangerMessages <= (long) MAX_REQUESTS * REQUEST_MESSAGES, "messages: " + strangerMessages);
        assertEquals(1, bob.client().contacts().size(), "the flood made no contact");
        assertEquals(
                CONTACT_MESSAGES,
                bob.client().history(alice.address().hostname(), 1000).size());
    }

    @Test
    void aFloodOfConnectionsThatSendNothingDoesNotShutTheContactOut() throws Exception {
        List<java.net.Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) { // more than maxconnections (256)
                idle.add(new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), bob.peerPort()));
            }
            for (int i = 0; i < 10; i++) {
                alice.client().send(bob.address().hostname(), "through the crowd " + i);
            }
            Await.until(
                    () -> delivery(tmp.resolve("alice"), bob),
                    d -> d.stream().allMatch(s -> s.startsWith("delivered")),
                    Duration.ofSeconds(60));
            assertEquals(10, storedFrom(alice).size());
            assertEquals(List.of("delivered 1"), delivery(tmp.resolve("alice"), bob), "no ERR, no retry");
        } finally {
            for (java.net.Socket s : idle) {
                s.close();
            }
        }
    }

    private List<String> storedFrom(TestDaemon sender) throws Exception {
        List<String> texts = new ArrayList<>();
        for (Message m : bob.client().history(sender.address().hostname(), 1000)) {
            texts.add(m.msg());
        }
        return texts;
    }

    /** The distinct "status attempts" of the messages {@code dataDir}'s daemon sent to {@code peer}. */
    private static List<String> delivery(Path dataDir, TestDaemon peer) throws Exception {
        List<String> seen = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("torchat.db"));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT DISTINCT status || ' ' || attempts FROM messages "
                        + "WHERE direction = 'out' AND peer = '"
                        + peer.address().hostname() + "' ORDER BY 1")) {
            while (rs.next()) {
                seen.add(rs.getString(1));
            }
        }
        return seen;
    }

    private static long single(Path db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.getLong(1);
        }
    }
}
