package org.torchat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.torchat.daemon.testing.StrangerFlood;
import org.torchat.daemon.testing.TestDaemon;
import org.torchat.daemon.testing.TestSocks5Server;
import org.torchat.protocol.Command;
import org.torchat.protocol.Message;
import org.torchat.protocol.client.DaemonClient;
import org.torchat.protocol.onion.OnionAddress;

/**
 * A contact's messages while strangers flood the receiver (docs/PERFORMANCE.md, "Hostile peers"). The receiver B runs
 * as its own process, as {@code bin/torchatd -d} runs it, with the default budgets; the contact A is a daemon in this
 * JVM that sends B one message a second through the test SOCKS5 relay (standing in for Tor), and
 * {@link StrangerFlood} sends B RECVs from made-up strangers, half signed with throwaway keys, at a multiple of the
 * strangers' budget. Phases: idle, then each multiple in turn. Per phase: the contact's SEND to stored-at-B latency
 * (B's own commit time, read from its store afterwards), whether any of its messages needed a second attempt (an ERR
 * or a lost connection), B's resident memory and CPU, and how its store and logs grew. B's user reads the contact's
 * messages as they come (UPDATE with wait, as the TUI does): left unread, they would reach {@code maxunread}.
 *
 * <p>Usage, from the repository root: {@code java -cp torchat-bench/target/torchat-bench.jar
 * org.torchat.bench.FloodBench [flood-minutes] [idle-seconds] [multiples] [B's JVM options...]} (defaults 10 120
 * 10,100 and bin/torchatd's options).
 */
public final class FloodBench {
    /** The strangers' budget of the shipped torchat.conf (strangerrate), in messages a second. */
    private static final double STRANGER_BUDGET_PER_SECOND = 120 / 60.0;

    private static final int FLOOD_TEXT_BYTES = 8_000;

    private FloodBench() {}

    record Phase(
            String name,
            List<String> probes,
            Map<String, Long> answers,
            long floodSent,
            double seconds,
            double cpuSeconds,
            double peakRssMb,
            double endRssMb,
            long storeBytes,
            long logBytes) {}

    public static void main(String[] args) throws Exception {
        double floodMinutes = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        int idleSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 120;
        int[] multiples = Arrays.stream((args.length > 2 ? args[2] : "10,100").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        List<String> jvm = args.length > 3 ? List.of(Arrays.copyOfRange(args, 3, args.length)) : binOptions();
        Path tmp = Files.createTempDirectory("torchat-flood");
        Path bDir = Files.createDirectories(tmp.resolve("bob"));
        try (TestSocks5Server socks = new TestSocks5Server();
                DaemonUnderTest bob = DaemonUnderTest.start(bDir, jvm, List.of("-d"));
                TestDaemon alice =
                        TestDaemon.start(TestDaemon.newDataDir(tmp, "alice"), socks.address(), "retrydelay: 200")) {
            OnionAddress bobAddress = OnionAddress.parse(bob.client()
                    .request(Message.of(Command.HOST, DaemonClient.LOCALHOST, bob.port(), ""))
                    .msg());
            socks.map(bobAddress.hostname(), bob.peerPort());
            alice.client().changeContact(Command.ADD_CONTACT, bobAddress.hostname(), "Bob");
            bob.client().changeContact(Command.ADD_CONTACT, alice.address().hostname(), "Alice");
            System.out.printf(
                    Locale.ROOT,
                    "B: daemon on %d (peer %d), JVM %s%n",
                    bob.port(),
                    bob.peerPort(),
                    String.join(" ", jvm));
            Thread reader = reader(bob, alice.address().hostname());
            List<Phase> phases = new ArrayList<>();
            StrangerFlood flood = new StrangerFlood(bob.peerPort(), bobAddress, FLOOD_TEXT_BYTES, 2_000);
            phases.add(phase("idle", idleSeconds, 0, bob, bDir, alice, bobAddress, flood));
            for (int m : multiples) {
                phases.add(phase(
                        "flood x" + m,
                        (int) (floodMinutes * 60),
                        m * STRANGER_BUDGET_PER_SECOND,
                        bob,
                        bDir,
                        alice,
                        bobAddress,
                        flood));
            }
            TimeUnit.SECONDS.sleep(5); // the last probes arrive
            reader.interrupt();
            report(phases, bDir, tmp.resolve("alice"));
        } finally {
            TempFiles.deleteTree(tmp);
        }
    }

    /** B's user, reading what the contact writes as it arrives. */
    private static Thread reader(DaemonUnderTest bob, String contact) {
        DaemonClient client = new DaemonClient(
                "127.0.0.1", bob.port(), java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(90));
        Thread t = new Thread(
                () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        try {
                            client.awaitUpdate(contact, java.time.Duration.ofSeconds(30));
                        } catch (Exception e) {
                            return;
                        }
                    }
                },
                "reader");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static List<String> binOptions() throws IOException {
        return Files.readAllLines(Path.of("bin/lib/torchatd-java-options")).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank())
                .flatMap(l -> Arrays.stream(l.strip().split("\\s+")))
                .toList();
    }

    /** {@code seconds} of one probe a second from the contact, with strangers at {@code floodPerSecond}. */
    private static Phase phase(
            String name,
            int seconds,
            double floodPerSecond,
            DaemonUnderTest bob,
            Path bDir,
            TestDaemon alice,
            OnionAddress bobAddress,
            StrangerFlood flood)
            throws Exception {
        System.out.printf(Locale.ROOT, "%s: %d s, strangers at %.0f frames/s%n", name, seconds, floodPerSecond);
        Map<String, Long> answersBefore = flood.answers();
        long sentBefore = flood.sent();
        double cpuBefore = bob.cpuSeconds();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService flooders = Executors.newFixedThreadPool(16);
        if (floodPerSecond > 0) {
            paced(flooders, floodPerSecond, running, flood);
        }
        List<String> probes = new ArrayList<>();
        double peakRss = 0;
        long start = System.nanoTime();
        DaemonClient client = alice.client();
        for (int i = 0; i < seconds; i++) {
            Message end = client.send(bobAddress.hostname(), name + " probe " + i);
            probes.add(end.extension("mid").orElseThrow().textValue() + " " + System.currentTimeMillis());
            peakRss = Math.max(peakRss, bob.residentMb());
            TimeUnit.MILLISECONDS.sleep(Math.max(0, (i + 1) * 1000L - (System.nanoTime() - start) / 1_000_000));
        }
        running.set(false);
        flooders.shutdown();
        flooders.awaitTermination(1, TimeUnit.MINUTES);
        double wall = (System.nanoTime() - start) / 1e9;
        Map<String, Long> answers = new LinkedHashMap<>(flood.answers());
        answersBefore.forEach((k, v) -> answers.merge(k, -v, Long::sum));
        Phase p = new Phase(
                name,
                probes,
                answers,
                flood.sent() - sentBefore,
                wall,
                bob.cpuSeconds() - cpuBefore,
                peakRss,
                bob.residentMb(),
                bytes(bDir, "torchat.db"),
                bytes(bDir, ".log"));
        System.out.printf(
                Locale.ROOT,
                "  flood frames %d (%.0f/s), answers %s, B CPU %.1f%%, RSS peak %.1f MB, "
                        + "store %.1f MB, logs %.2f MB%n",
                p.floodSent(),
                p.floodSent() / wall,
                p.answers(),
                100 * p.cpuSeconds() / wall,
                p.peakRssMb(),
                p.storeBytes() / 1e6,
                p.logBytes() / 1e6);
        return p;
    }

    /** Workers take turns at a fixed pace: frame k is sent at k / perSecond, however slow the answers. */
    private static void paced(ExecutorService workers, double perSecond, AtomicBoolean running, StrangerFlood flood) {
        long start = System.nanoTime();
        java.util.concurrent.atomic.AtomicLong next = new java.util.concurrent.atomic.AtomicLong();
        for (int w = 0; w < 16; w++) {
            workers.submit(() -> {
                while (running.get()) {
                    long k = next.getAndIncrement();
                    long due = start + (long) (k * 1e9 / perSecond);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    if (running.get()) {
                        flood.sendOne();
                    }
                }
                return null;
            });
        }
    }

    /** Total size of the files in {@code dir} whose name contains {@code part} (the store with its WAL, the logs). */
    private static long bytes(Path dir, String part) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().contains(part))
                    .mapToLong(f -> f.toFile().length())
                    .sum();
        }
    }

    private static void report(List<Phase> phases, Path bDir, Path aDir) throws Exception {
        Map<String, Long> storedAt = query(bDir, "SELECT message_id, received_at FROM messages WHERE direction = 'in'");
        Map<String, Long> attempts = query(aDir, "SELECT message_id, attempts FROM messages WHERE direction = 'out'");
        System.out.println();
        System.out.println("phase        probes  stored  retried  p50 ms  p99 ms   max ms  B CPU   RSS peak/end MB  "
                + "store MB  logs MB");
        for (Phase p : phases) {
            List<Double> latency = new ArrayList<>();
            int retried = 0;
            for (String probe : p.probes()) {
                String[] midAndTime = probe.split(" ");
                Long stored = storedAt.get(midAndTime[0]);
                if (stored != null) {
                    latency.add((double) (stored - Long.parseLong(midAndTime[1])));
                }
                if (attempts.getOrDefault(midAndTime[0], 0L) > 1) {
                    retried++;
                }
            }
            Stats s =
                    new Stats(latency.stream().mapToDouble(Double::doubleValue).toArray());
            double max = latency.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            System.out.printf(
                    Locale.ROOT,
                    "%-12s %6d %7d %8d %7.1f %7.1f %8.1f %5.1f%%  %7.1f / %5.1f  %8.1f %8.2f%n",
                    p.name(),
                    p.probes().size(),
                    latency.size(),
                    retried,
                    s.percentile(50),
                    s.percentile(99),
                    max,
                    100 * p.cpuSeconds() / p.seconds(),
                    p.peakRssMb(),
                    p.endRssMb(),
                    p.storeBytes() / 1e6,
                    p.logBytes() / 1e6);
        }
        System.out.println("answers to the strangers per phase:");
        phases.forEach(p -> System.out.println("  " + p.name() + ": " + p.answers()));
        System.out.println(
                "the contact's messages that needed a retry or are not stored yet, by state and last error:");
        Map<String, Long> trouble = new java.util.TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + aDir.resolve("torchat.db"));
                PreparedStatement ps = c.prepareStatement("SELECT status, attempts, last_error FROM messages "
                        + "WHERE direction = 'out' AND (attempts <> 1 OR status <> 'delivered')");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                trouble.merge(
                        rs.getString(1) + " after " + rs.getInt(2) + " attempts: " + rs.getString(3), 1L, Long::sum);
            }
        }
        trouble.forEach((k, v) -> System.out.println("  " + v + " x " + k));
    }

    private static Map<String, Long> query(Path dir, String sql) throws Exception {
        Map<String, Long> rows = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("torchat.db"));
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getLong(2));
            }
        }
        return rows;
    }
}
