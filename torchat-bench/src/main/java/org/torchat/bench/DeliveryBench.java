package org.torchat.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.torchat.daemon.testing.TestDaemon;
import org.torchat.daemon.testing.TestSocks5Server;
import org.torchat.protocol.Message;
import org.torchat.protocol.client.DaemonClient;

/**
 * SEND to stored-at-peer, between two real daemons on loopback through the test SOCKS5 relay (standing in for
 * Tor). Two runs: paced (one message every {@code --pace-ms}, the latency a user sees) and flood (as fast as
 * {@code --clients} clients can send; throughput). "Stored at peer" is the receiving daemon's own commit time
 * of the message (its {@code received_at}), read from its database afterwards; the send time is taken just
 * before the SEND request. Both are on this machine's clock, in milliseconds.
 *
 * <p>Usage: {@code java -cp torchat-bench/target/torchat-bench.jar org.torchat.bench.DeliveryBench
 * [messages] [pace-ms] [clients] [rounds]} (defaults 3000 10 4 3): each round sends {@code messages} paced, then
 * {@code messages} flooded; the summary is the median [min-max] over the rounds.
 */
public final class DeliveryBench {
    private DeliveryBench() {}

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
        int paceMillis = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        // false: one connection per message, as before sessions (issue 15), for figures side by side
        boolean sessions = args.length <= 4 || Boolean.parseBoolean(args[4]);
        Path tmp = Files.createTempDirectory("torchat-bench");
        try (TestSocks5Server socks = new TestSocks5Server();
                TestDaemon alice = start(tmp, "alice", socks, sessions)) {
            TestDaemon bob = start(TestDaemon.newDataDir(tmp, "bob"), socks, sessions);
            String to = bob.address().hostname();
            Path bobDir = tmp.resolve("bob");
            // Contacts of each other, as people who write thousands of messages are (strangers' requests are capped).
            alice.client().changeContact(org.torchat.protocol.Command.ADD_CONTACT, to, "Bob");
            bob.client()
                    .changeContact(
                            org.torchat.protocol.Command.ADD_CONTACT,
                            alice.address().hostname(),
                            "Alice");
            System.out.printf(
                    Locale.ROOT,
                    "warm-up: %d messages%n",
                    flood(alice, to, 2000, clients, "warm").size());
            int stored = 2000;
            awaitStored(bobDir, stored);
            List<Double> p50s = new ArrayList<>();
            List<Double> p99s = new ArrayList<>();
            List<Double> rates = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                System.out.println("round " + round);
                Map<String, Long> paced = paced(alice, to, messages, paceMillis);
                stored += messages;
                Stats latency = report("  paced (" + paceMillis + " ms apart)", paced, bobDir, stored, -1);
                p50s.add(latency.percentile(50));
                p99s.add(latency.percentile(99));

                long start = System.nanoTime();
                Map<String, Long> flooded = flood(alice, to, messages, clients, "flood" + round);
                stored += messages;
                report("  flood (" + clients + " clients)", flooded, bobDir, stored, start);
                rates.add(messages / ((System.nanoTime() - start) / 1e9));
            }
            List<Double> drains = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                bob.close();
                Map<String, Long> queued = flood(alice, to, messages, clients, "drain" + round);
                bob = start(bobDir, socks, sessions);
                stored += messages;
                awaitStored(bobDir, stored);
                drains.add(drainRate(bobDir, queued.keySet()));
                System.out.printf(
                        Locale.ROOT,
                        "  drain: %d messages queued while the peer was down, stored at the "
                                + "peer at %.0f messages/s (first to last stored)%n",
                        messages,
                        drains.get(drains.size() - 1));
            }
            bob.close();
            System.out.printf(
                    Locale.ROOT,
                    "median [min-max] of %d rounds: paced SEND -> stored at peer p50 %s ms, "
                            + "p99 %s ms; one peer, flooded: %s messages/s; a queue of %d drained at %s messages/s%n",
                    rounds,
                    Footprint.spread(p50s, Double::doubleValue, "%.1f"),
                    Footprint.spread(p99s, Double::doubleValue, "%.1f"),
                    Footprint.spread(rates, Double::doubleValue, "%.0f"),
                    messages,
                    Footprint.spread(drains, Double::doubleValue, "%.0f"));
        } finally {
            TempFiles.deleteTree(tmp);
        }
    }

    /**
     * Messages {@code ids} stored at the peer per second, from the first stored to the last: the delivery pipeline's
     * own rate, without the SENDs that queued them.
     */
    private static double drainRate(Path receiverDir, java.util.Set<String> ids) throws Exception {
        Map<String, Long> storedAt = receivedTimes(receiverDir);
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (String id : ids) {
            long t = storedAt.get(id);
            first = Math.min(first, t);
            last = Math.max(last, t);
        }
        return (ids.size() - 1) / Math.max(0.001, (last - first) / 1000.0);
    }

    private static TestDaemon start(Path tmp, String name, TestSocks5Server socks, boolean sessions) throws Exception {
        return start(TestDaemon.newDataDir(tmp, name), socks, sessions);
    }

    private static TestDaemon start(Path dataDir, TestSocks5Server socks, boolean sessions) throws Exception {
        TestDaemon d = TestDaemon.start(
                dataDir,
                socks.address(),
                "retrydelay: 200",
                "sessions: " + sessions,
                "maxunread: 1000000",
                "maxunreadbytes: 2000000000",
                "recvrate: 0",
                "strangerrate: 0"); // a throughput benchmark: no RECV rate limits
        socks.map(d.address().hostname(), d.peerPort());
        return d;
    }

    /** Sends one message every {@code paceMillis}; returns send time (epoch ms) by message id. */
    private static Map<String, Long> paced(TestDaemon from, String to, int count, int paceMillis) throws Exception {
        DaemonClient client = from.client();
        Map<String, Long> sentAt = new HashMap<>();
        double[] sendMicros = new double[count];
        for (int i = 0; i < count; i++) {
            long wall = System.currentTimeMillis();
            long t0 = System.nanoTime();
            Message end = client.send(to, "paced " + i);
            sendMicros[i] = (System.nanoTime() - t0) / 1000.0;
            sentAt.put(end.extension("mid").orElseThrow().textValue(), wall);
            Thread.sleep(paceMillis);
        }
        System.out.println(
                "SEND answered (END, message stored at the sender): " + new Stats(sendMicros).describe("us"));
        return sentAt;
    }

    private static Map<String, Long> flood(TestDaemon from, String to, int count, int clients, String tag)
            throws Exception {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Object>> done = pool.invokeAll(java.util.Collections.nCopies(clients, () -> {
                DaemonClient client = from.client();
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    long wall = System.currentTimeMillis();
                    Message end = client.send(to, tag + " " + i);
                    sentAt.put(end.extension("mid").orElseThrow().textValue(), wall);
                }
                return null;
            }));
            for (Future<Object> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return sentAt;
    }

    private static Stats report(
            String name, Map<String, Long> sentAt, Path receiverDir, int expectedTotal, long floodStart)
            throws Exception {
        awaitStored(receiverDir, expectedTotal);
        double seconds = (System.nanoTime() - floodStart) / 1e9;
        Map<String, Long> storedAt = receivedTimes(receiverDir);
        double[] latency = sentAt.entrySet().stream()
                .mapToDouble(e -> storedAt.get(e.getKey()) - e.getValue())
                .toArray();
        Stats stats = new Stats(latency);
        System.out.println(name + ": SEND -> stored at peer: " + stats.describe("ms"));
        if (floodStart > 0) {
            System.out.printf(
                    Locale.ROOT,
                    "%s: %d messages stored at the peer in %.1f s = %.0f messages/s%n",
                    name,
                    sentAt.size(),
                    seconds,
                    sentAt.size() / seconds);
        }
        return stats;
    }

    private static void awaitStored(Path receiverDir, int count) throws Exception {
        long deadline = System.currentTimeMillis() + 600_000;
        while (countIncoming(receiverDir) < count) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("messages not delivered within 10 minutes");
            }
            Thread.sleep(50);
        }
    }

    private static int countIncoming(Path dir) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("torchat.db"));
                ResultSet rs =
                        c.createStatement().executeQuery("SELECT COUNT(*) FROM messages WHERE direction = 'in'")) {
            return rs.getInt(1);
        }
    }

    private static Map<String, Long> receivedTimes(Path dir) throws Exception {
        Map<String, Long> times = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("torchat.db"));
                PreparedStatement ps =
                        c.prepareStatement("SELECT message_id, received_at FROM messages WHERE direction = 'in'");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                times.put(rs.getString(1), rs.getLong(2));
            }
        }
        return times;
    }
}
