package org.torchat.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.torchat.daemon.control.GetPeersHandler;
import org.torchat.daemon.store.Database;
import org.torchat.protocol.client.DaemonClient;
import org.torchat.protocol.identity.Ed25519Identity;

/**
 * How the daemon's cost grows with the store: for each store size, fills a fresh store with that many messages
 * spread over {@code peers} contacts (both directions, 60-byte texts, one unread message per peer so that GET_PEERS
 * has all of them), starts the daemon as its own process on it (as {@code bin/torchatd} does) and times, through
 * the control port, one connection per request: HISTORY of the last 100 messages with one peer, UPDATE of a peer
 * with nothing unread, GET_PEERS, and SEARCH (issue 14): a rare word in all conversations, a common phrase in one
 * conversation and in all (the newest 50 matches each). Three rounds of {@value #REQUESTS} requests each; per size it prints each
 * round and the median [min-max] of the rounds' p50 and p99, the daemon's resident memory after start and after
 * the requests, its start-up time and the store's size on disk.
 *
 * <p>Usage, from the repository root: {@code java -cp torchat-bench/target/torchat-bench.jar
 * org.torchat.bench.HistoryBench [sizes] [peers] [JVM options of the daemon...]}, e.g. {@code HistoryBench
 * 10000,100000,1000000 1000 -Xmx64m}.
 */
public final class HistoryBench {
    private static final int REQUESTS = 300;
    private static final int ROUNDS = 3;

    private HistoryBench() {}

    private record Round(double p50, double p99) {}

    public static void main(String[] args) throws Exception {
        int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "10000,100000,1000000").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        int peers = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        List<String> options = List.of(Arrays.copyOfRange(args, Math.min(2, args.length), args.length));
        String[] addresses = new String[peers];
        for (int i = 0; i < peers; i++) {
            addresses[i] = Ed25519Identity.generate().onionAddress().hostname();
        }
        for (int size : sizes) {
            Path dir = Files.createTempDirectory("torchat-history-bench");
            try {
                measure(dir.resolve("data"), addresses, size, options);
            } finally {
                TempFiles.deleteTree(dir);
            }
        }
    }

    private static void measure(Path data, String[] addresses, int size, List<String> options) throws Exception {
        Files.createDirectories(data);
        long t0 = System.nanoTime();
        Database.open(data.resolve(Database.FILE_NAME)).close();
        fill(data.resolve(Database.FILE_NAME), addresses, size);
        System.out.printf(
                Locale.ROOT,
                "%n%,d messages over %d peers: filled in %.1f s; %.1f MB on disk (%.0f bytes " + "per message)%n",
                size,
                addresses.length,
                (System.nanoTime() - t0) / 1e9,
                sizeOnDisk(data) / 1e6,
                (double) sizeOnDisk(data) / size);
        try (DaemonUnderTest daemon = DaemonUnderTest.start(data, options)) {
            double startedMb = daemon.residentMb();
            DaemonClient client = daemon.client();
            int index = addresses.length / 2;
            String peer = addresses[index];
            // fill() gives message i to peer i % peers, and every peer one unread message besides
            int stored = (size - 1 - index) / addresses.length + 1 + 1;
            Map<String, List<Round>> rounds = new LinkedHashMap<>();
            for (int round = 0; round <= ROUNDS; round++) { // round 0 warms up and is not counted
                time(
                        rounds,
                        round,
                        "HISTORY 100",
                        () -> expect(
                                Math.min(100, stored), client.history(peer, 100).size()));
                time(rounds, round, "UPDATE (none unread)", () -> client.update(addresses[0]));
                time(
                        rounds,
                        round,
                        "GET_PEERS",
                        () -> expect(
                                Math.min(addresses.length, GetPeersHandler.MAX_PEERS),
                                client.peersWithUnread().size()));
                // Issue 14: SEARCH over the full-text index. Every text holds "ordinary"; "number N" holds one N.
                String rare = String.valueOf(size / 2 + 7);
                time(
                        rounds,
                        round,
                        "SEARCH rare, all",
                        () -> expectAtLeast(
                                1, client.search("", "number " + rare, 50).size()));
                time(
                        rounds,
                        round,
                        "SEARCH common, peer",
                        () -> expect(
                                Math.min(50, stored - 1),
                                client.search(peer, "ordinary text", 50).size()));
                time(
                        rounds,
                        round,
                        "SEARCH common, all",
                        () -> expect(50, client.search("", "ordinary text", 50).size()));
            }
            rounds.forEach((name, r) -> System.out.printf(
                    Locale.ROOT,
                    "  %-22s p50 %s ms, p99 %s ms%n",
                    name,
                    Footprint.spread(r, Round::p50, "%.2f"),
                    Footprint.spread(r, Round::p99, "%.2f")));
            System.out.printf(
                    Locale.ROOT,
                    "  daemon: ready in %.0f ms; resident %.1f MB after start, %.1f MB after "
                            + "the requests (peak %.1f MB)%n",
                    daemon.readyMillis(),
                    startedMb,
                    daemon.residentMb(),
                    daemon.peakResidentMb());
        }
    }

    @FunctionalInterface
    private interface Request {
        void run() throws Exception;
    }

    private static void time(Map<String, List<Round>> rounds, int round, String name, Request request)
            throws Exception {
        double[] millis = new double[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            long s = System.nanoTime();
            request.run();
            millis[i] = (System.nanoTime() - s) / 1e6;
        }
        if (round > 0) {
            Stats stats = new Stats(millis);
            rounds.computeIfAbsent(name, k -> new ArrayList<>())
                    .add(new Round(stats.percentile(50), stats.percentile(99)));
            System.out.printf(Locale.ROOT, "  round %d %-22s %s%n", round, name, stats.describe("ms"));
        }
    }

    private static void expectAtLeast(int wanted, int got) {
        if (got < wanted) {
            throw new IllegalStateException("expected at least " + wanted + " in the reply, got " + got);
        }
    }

    private static void expect(int wanted, int got) {
        if (got != wanted) {
            throw new IllegalStateException("expected " + wanted + " in the reply, got " + got);
        }
    }

    /** Bulk insert in one transaction, through the daemon's own schema; unread and contacts kept consistent. */
    /** Also the store BackupBench backs up. */
    static void fill(Path db, String[] peers, int messages) throws Exception {
        long now = System.currentTimeMillis();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.setAutoCommit(false);
            try (PreparedStatement contact = c.prepareStatement("INSERT INTO contacts (address, added_at, "
                    + "unread_since, unread_count, unread_bytes, state) VALUES (?, ?, ?, 1, 20, 'contact')")) {
                for (String p : peers) {
                    contact.setString(1, p);
                    contact.setLong(2, now);
                    contact.setLong(3, now);
                    contact.addBatch();
                }
                contact.executeBatch();
            }
            try (PreparedStatement m = c.prepareStatement("INSERT INTO messages (peer, direction, message_id, body, "
                    + "sent_at, received_at, status, unread) VALUES (?, ?, ?, ?, ?, ?, ?, 0)")) {
                for (int i = 0; i < messages; i++) {
                    boolean in = i % 2 == 0;
                    m.setString(1, peers[i % peers.length]);
                    m.setString(2, in ? "in" : "out");
                    m.setString(3, String.format("%032x", i));
                    m.setString(4, "message number " + i + " with some ordinary text in it, about 60 b");
                    m.setLong(5, now - messages + i);
                    m.setLong(6, now - messages + i + 5);
                    m.setString(7, in ? "received" : "delivered");
                    m.addBatch();
                    if (i % 10_000 == 9_999) {
                        m.executeBatch();
                    }
                }
                m.executeBatch();
            }
            try (PreparedStatement unread = c.prepareStatement(
                    "INSERT INTO messages (peer, direction, message_id, "
                            + "body, received_at, status, unread) VALUES (?, 'in', ?, 'unread message here', ?, 'received', 1)")) {
                for (String p : peers) {
                    unread.setString(1, p);
                    unread.setString(2, "unread-" + p.substring(0, 16));
                    unread.setLong(3, now);
                    unread.addBatch();
                }
                unread.executeBatch();
            }
            c.commit();
            c.createStatement().execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }

    private static long sizeOnDisk(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(Database.FILE_NAME))
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }
}
