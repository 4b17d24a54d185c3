package org.torchat.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Locale;
import java.util.stream.Stream;
import org.torchat.daemon.store.Database;
import org.torchat.daemon.testing.TestDaemon;
import org.torchat.daemon.testing.TestSocks5Server;
import org.torchat.protocol.client.DaemonClient;
import org.torchat.protocol.identity.Ed25519Identity;

/**
 * HISTORY and UPDATE latency, and store size, with a large store: fills a fresh store with {@code messages}
 * messages spread over {@code peers} peers (both directions, 60-byte texts), starts a real daemon on it and
 * times HISTORY of the last 100 messages with one peer, and UPDATE, through the control port.
 *
 * <p>Usage: {@code java -cp torchat-bench/target/torchat-bench.jar org.torchat.bench.HistoryBench
 * [messages] [peers]} (defaults 1000000 1000).
 */
public final class HistoryBench {
    private static final int ROUNDS = 500;

    private HistoryBench() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int peers = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Path dir = Files.createTempDirectory("torchat-history-bench");
        String[] addresses = new String[peers];
        for (int i = 0; i < peers; i++) {
            addresses[i] = Ed25519Identity.generate().onionAddress().hostname();
        }
        long t0 = System.nanoTime();
        Database.open(dir.resolve(Database.FILE_NAME)).close();
        fill(dir.resolve(Database.FILE_NAME), addresses, messages);
        System.out.printf(Locale.ROOT, "filled %d messages over %d peers in %.1f s; store on disk: %.1f MB (%.0f bytes per message)%n",
                messages, peers, (System.nanoTime() - t0) / 1e9, sizeOnDisk(dir) / 1e6, (double) sizeOnDisk(dir) / messages);
        try (TestSocks5Server socks = new TestSocks5Server(); TestDaemon daemon = TestDaemon.start(dir, socks.address())) {
            DaemonClient client = daemon.client();
            String peer = addresses[peers / 2];
            for (int i = 0; i < 50; i++) {
                client.history(peer, 100);
            }
            double[] history = new double[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                long s = System.nanoTime();
                int got = client.history(peer, 100).size();
                history[i] = (System.nanoTime() - s) / 1e6;
                if (got != 100) {
                    throw new IllegalStateException("HISTORY returned " + got + " messages");
                }
            }
            System.out.println("HISTORY 100 (one connection each): " + new Stats(history).describe("ms"));
            double[] update = new double[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                long s = System.nanoTime();
                client.update(addresses[i % peers]);
                update[i] = (System.nanoTime() - s) / 1e6;
            }
            System.out.println("UPDATE (one connection each): " + new Stats(update).describe("ms"));
        }
    }

    /** Bulk insert in one transaction, through the daemon's own schema; unread and contacts kept consistent. */
    private static void fill(Path db, String[] peers, int messages) throws Exception {
        long now = System.currentTimeMillis();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.setAutoCommit(false);
            try (PreparedStatement contact = c.prepareStatement("INSERT INTO contacts (address, added_at) VALUES (?, ?)")) {
                for (String p : peers) {
                    contact.setString(1, p);
                    contact.setLong(2, now);
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
            c.commit();
            c.createStatement().execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }

    private static long sizeOnDisk(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(Database.FILE_NAME))
                    .mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
