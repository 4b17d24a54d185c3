package org.torchat.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchat.daemon.testing.Await;
import org.torchat.daemon.testing.ContactRows;
import org.torchat.daemon.testing.DaemonProcess;
import org.torchat.daemon.testing.Processes;
import org.torchat.daemon.testing.TestSocks5Server;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.ProtocolException;
import org.torchat.protocol.client.DaemonErrorException;

/**
 * Issue 3, item 6: "acknowledged" means on disk. Two daemons, each a real JVM, exchange messages while a chaos
 * thread SIGKILLs one or the other at random moments and starts it again on the same ports and data directory.
 * A SEND answered END is acknowledged: it must end up exactly once on the sender (out, delivered, same mid) and
 * exactly once on the receiver (in, same mid). A SEND that got no END may be lost or stored, but never twice;
 * every driver attempt has its own text, so any text seen twice is a duplicate. Whatever the sender stored is
 * delivered in the end, in order, exactly once.
 *
 * <p>The seed is printed; {@code -Dcrash.seed=N} replays the same schedule of kills and directions (the timing
 * of a kill against the traffic is up to the machine, so a replay is similar, not identical). The logs and stores
 * of a failed run are kept in {@code target/crash-durability-SEED/}; {@code -Dcrash.keep=true} keeps them always.
 */
class CrashDurabilityIT {
    /** Acknowledged messages to reach before the driver may stop (it also runs until the chaos is over). */
    private static final int MESSAGES = 300;
    /** Attempts that reached a daemon; with the warm-up they must stay under HISTORY's maximum of 1000. */
    private static final int MAX_ATTEMPTS = 900;

    private static final int HISTORY_MAX = 1000;
    /**
     * How long the daemons may take to deliver everything once the chaos is over. The tail is the daemon's backoff:
     * a message at the head of a queue that failed 5 or 6 times (its receiver was down at each retry) next tries
     * 16 or 49 s later (retrydelay 200 ms, tripled after each failure).
     */
    private static final long CONVERGE_MILLIS = 75_000;

    private static final Pattern RETRIED = Pattern.compile("message (\\w+) to \\S+: attempt \\d+ failed");
    private static final Pattern SESSION_OPENED = Pattern.compile("session \\S+ with \\S+[^\\n]*: open \\(");
    private static final Pattern DUPLICATE = Pattern.compile("RECV from \\S+ \\((\\w+)[^)]*\\): duplicate");

    @TempDir
    Path tmp;

    private TestSocks5Server socks;
    private DaemonProcess a;
    private DaemonProcess b;
    private final AtomicBoolean stopChaos = new AtomicBoolean();
    private final AtomicBoolean stopDriver = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    /** A SEND answered END. */
    private record Ack(String text, String mid, DaemonProcess from, DaemonProcess to, boolean receiverDown) {}

    /** One HISTORY frame. */
    private record Row(String text, String direction, String status, String mid) {
        static Row of(Message m) {
            return new Row(
                    m.msg(), ext(m, Extensions.DIRECTION), ext(m, Extensions.STATUS), ext(m, Extensions.MESSAGE_ID));
        }

        private static String ext(Message m, String name) {
            return m.extension(name).map(JsonNode::asText).orElse(null);
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        stopChaos.set(true);
        stopDriver.set(true);
        for (Thread t : threads) {
            t.join(20_000);
        }
        for (Thread t : threads) {
            t.interrupt();
            t.join(10_000);
        }
        for (DaemonProcess d : new DaemonProcess[] {a, b}) {
            if (d != null) {
                d.close();
            }
        }
        if (socks != null) {
            socks.close();
        }
    }

    @Test
    void acknowledgedMessagesSurviveSigkillExactlyOnceOnBothSidesAndQueuedOnesAreDelivered() throws Throwable {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        System.out.println("CrashDurabilityIT: seed " + seed + " (replay with -Dcrash.seed=" + seed + ")");
        try {
            run(seed);
            if (Boolean.getBoolean("crash.keep")) {
                preserveEvidence(seed);
            }
        } catch (Throwable t) {
            preserveEvidence(seed);
            throw t;
        }
    }

    private void run(long seed) throws Exception {
        long started = System.nanoTime();
        Random chaosRandom = new Random(seed);
        Random driverRandom = new Random(seed * 0x9E3779B97F4A7C15L + 1);

        startPair();
        List<Ack> acked = new CopyOnWriteArrayList<>();
        List<String> attempts = new CopyOnWriteArrayList<>();
        warmUp(acked, attempts);

        AtomicInteger kills = new AtomicInteger();
        Map<String, Integer> killsBy = Collections.synchronizedMap(new HashMap<>());
        AtomicBoolean chaosDone = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int plannedKills = 8 + chaosRandom.nextInt(5);

        Thread chaos = thread("chaos", failure, () -> {
            try {
                for (int i = 0; i < plannedKills && !stopChaos.get(); i++) {
                    Thread.sleep(300 + chaosRandom.nextInt(1200));
                    DaemonProcess victim = chaosRandom.nextBoolean() ? a : b;
                    long downFor = chaosRandom.nextInt(800);
                    kill(victim, kills, killsBy, acked, started);
                    Thread.sleep(downFor);
                    long restarting = System.nanoTime();
                    victim.start();
                    System.out.printf(
                            "CrashDurabilityIT: %5.1f s %s up again after %.1f s down (start took %.1f s)%n",
                            seconds(started),
                            victim.name(),
                            downFor / 1000.0 + seconds(restarting),
                            seconds(restarting));
                }
            } finally {
                chaosDone.set(true);
            }
        });
        AtomicInteger reachedDaemon = new AtomicInteger(attempts.size());
        AtomicInteger refused = new AtomicInteger();
        // One driver per direction: while one daemon is down, the other keeps queueing messages for it.
        Random abRandom = new Random(driverRandom.nextLong());
        Random baRandom = new Random(driverRandom.nextLong());
        Thread driverAb = thread(
                "driver-ab", failure, () -> drive(a, b, abRandom, acked, attempts, chaosDone, reachedDaemon, refused));
        Thread driverBa = thread(
                "driver-ba", failure, () -> drive(b, a, baRandom, acked, attempts, chaosDone, reachedDaemon, refused));
        chaos.start();
        driverAb.start();
        driverBa.start();

        driverAb.join(120_000);
        driverBa.join(120_000);
        chaos.join(120_000); // normally over already: the drivers wait for it, unless they reached the attempt cap
        stopChaos.set(true);
        rethrow(failure);
        assertTrue(!driverAb.isAlive() && !driverBa.isAlive() && !chaos.isAlive(), "driver and chaos threads finished");
        for (DaemonProcess d : List.of(a, b)) {
            if (!d.isUp()) {
                d.start();
            }
        }
        double chaosSeconds = seconds(started);
        List<Ack> finale = finale(acked, attempts, reachedDaemon, kills, killsBy, started);

        Map<DaemonProcess, List<Row>> histories = awaitEverythingDelivered(started);
        List<String> problems = new ArrayList<>();
        check(histories, acked, attempts, problems);

        Set<String> ackedMids = acked.stream().map(Ack::mid).collect(Collectors.toSet());
        Set<String> retried = matches(RETRIED, a, b);
        retried.retainAll(ackedMids);
        Set<String> duplicatesDropped = matches(DUPLICATE, a, b);
        long queuedWhileDown = acked.stream().filter(Ack::receiverDown).count();
        Set<String> storedTexts = histories.get(a).stream().map(Row::text).collect(Collectors.toSet());
        long unackedStored = attempts.stream()
                .filter(t -> storedTexts.contains(t))
                .filter(t -> acked.stream().noneMatch(x -> x.text().equals(t)))
                .count();
        long aToB = acked.stream().filter(x -> x.from() == a).count();

        if (!problems.isEmpty()) {
            fail(problems.size() + " problem(s) after " + kills.get() + " kills (seed " + seed + "):\n  "
                    + problems.stream().limit(40).collect(Collectors.joining("\n  ")));
        }
        assertTrue(kills.get() >= 8 + 3, "at least 8 random kills happened, and the finale's 3: " + kills.get());
        long sessionsOpened =
                SESSION_OPENED.matcher(a.logText() + b.logText()).results().count();
        assertTrue(
                sessionsOpened >= kills.get() / 2,
                "messages went over sessions, opened again after the restarts: " + sessionsOpened
                        + " session openings logged for " + kills.get() + " kills");
        assertTrue(
                queuedWhileDown > 0,
                "some messages were queued while their receiver was down (and, as checked "
                        + "above, delivered after its restart)");
        System.out.printf(
                "CrashDurabilityIT: seed=%d kills=%d (%d at random, 3 in the finale; a %d, b %d) "
                        + "acknowledged=%d (a->b %d, b->a %d) attempts reaching a daemon=%d (refused while down %d) "
                        + "unacknowledged-but-stored=%d acknowledged while receiver down=%d delivered after a failed "
                        + "attempt=%d re-sends dropped as duplicates=%d sessions opened=%d finale: %d queued in killed "
                        + "daemons, delivered; chaos+driver=%.1f s total=%.1f s%n",
                seed,
                kills.get(),
                kills.get() - 3,
                killsBy.getOrDefault("a", 0),
                killsBy.getOrDefault("b", 0),
                acked.size(),
                aToB,
                acked.size() - aToB,
                reachedDaemon.get(),
                refused.get(),
                unackedStored,
                queuedWhileDown,
                retried.size(),
                duplicatesDropped.size(),
                sessionsOpened,
                finale.size(),
                chaosSeconds,
                seconds(started));
    }

    /** Starts daemons a and b, each the other's peer through the test's SOCKS5 server. */
    private void startPair() throws Exception {
        socks = new TestSocks5Server();
        Path conf = Files.writeString(
                tmp.resolve("torchat.conf"),
                String.join(
                                "\n",
                                "# crash test: retry quickly, never give up during the test, never wait long for a dead peer",
                                "retrydelay: 200",
                                "retrylimit: 3600",
                                "readtimeout: 3000",
                                "epolltimeout: 5000",
                                "maxunread: 100000",
                                "maxunreadbytes: 100000000",
                                "recvrate: 0",
                                "recvratetotal: 0",
                                "strangers: allow")
                        + "\n");
        a = new DaemonProcess(tmp, "a", socks.address(), conf);
        b = new DaemonProcess(tmp, "b", socks.address(), conf);
        a.start();
        b.start();
        socks.map(a.onion(), a.peerPort());
        socks.map(b.onion(), b.peerPort());
    }

    /**
     * Issue 15: messages pipelined on a session, in flight when one end is killed. The receiver is frozen (SIGSTOP)
     * so that what a sends stays unacknowledged on the wire, whatever the machine's speed; then either the sender
     * is killed (the receiver, thawed, stores what was in its socket; the restarted sender sends it all again, and the
     * receiver drops the repeats by id) or the receiver is (it never stored them; the sender sends them again on the
     * next session). Either way each message ends up once on each side, in order, delivered.
     */
    @Test
    void messagesInFlightOnASessionWhenEitherEndIsKilledArriveExactlyOnceInOrder() throws Exception {
        startPair();
        warmUp(new ArrayList<>(), new ArrayList<>());
        awaitSession(a, b);
        List<String> sent = new ArrayList<>();

        b.freeze();
        sent.addAll(sendBurst(a, b, "sender-killed", 50));
        Thread.sleep(1000); // written to the session: a's socket, the relay and b's kernel buffer hold them
        a.kill();
        b.thaw();
        // b stores what it reads before a is back: these messages were on the wire. Not all 50: b's first
        // acknowledgement to the dead sender draws a reset, and the kernel drops what b had not read yet.
        long storedBeforeRestart = Await.until(
                () -> history(b, a).stream()
                        .filter(r -> r.text().startsWith("sender-killed"))
                        .count(),
                n -> n >= 1,
                java.time.Duration.ofSeconds(20));
        Thread.sleep(500);
        System.out.println("CrashDurabilityIT: b stored " + storedBeforeRestart + " of 50 in-flight messages before "
                + "the killed sender came back");
        a.start();

        // The next burst must go on a session that stays: both ends dial after a's restart, and a crossed dial
        // replaced a moment later would leave the burst queued (not in flight) when b is killed.
        awaitSettledSession(a, b);
        b.freeze();
        sent.addAll(sendBurst(a, b, "receiver-killed", 50));
        Thread.sleep(1000);
        b.kill();
        b.start();

        Map<DaemonProcess, List<Row>> histories = awaitEverythingDelivered(System.nanoTime());
        List<String> out = histories.get(a).stream()
                .filter(r -> "out".equals(r.direction()))
                .map(Row::text)
                .filter(t -> !t.startsWith("warm-up"))
                .toList();
        List<String> in = histories.get(b).stream()
                .filter(r -> "in".equals(r.direction()))
                .map(Row::text)
                .filter(t -> !t.startsWith("warm-up"))
                .toList();
        assertEquals(sent, out, "a stored each message once, in order");
        assertEquals(sent, in, "b stored each message once, in order");
        assertTrue(
                histories.get(a).stream().allMatch(r -> !"out".equals(r.direction()) || "delivered".equals(r.status())),
                "all delivered");
        assertTrue(
                matches(DUPLICATE, b).size() >= 1,
                "the restarted sender sent again what b had stored, and b " + "dropped it by id:\n" + b.logTail(40));
        assertTrue(
                a.logText().contains("unacknowledged; they go again on the next session"),
                "a saw messages in flight when b was killed:\n" + a.logTail(40));
    }

    private static List<String> sendBurst(DaemonProcess from, DaemonProcess to, String prefix, int n) throws Exception {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String text = prefix + "-" + i;
            from.client().send(to.onion(), text);
            texts.add(text);
        }
        return texts;
    }

    /** Waits until {@code of} has a session with {@code peer} (CONTACTS names it). */
    /**
     * Until both ends name the same session, it has stayed the same for a second (no crossed dial will replace it),
     * and nothing from {@code a} to {@code b} waits to be sent again.
     */
    private static void awaitSettledSession(DaemonProcess a, DaemonProcess b) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        String settled = null;
        while (true) {
            java.util.Optional<String> atA = ContactRows.session(a.client(), b.onion());
            java.util.Optional<String> atB = ContactRows.session(b.client(), a.onion());
            boolean same = atA.isPresent() && atA.equals(atB);
            if (same && atA.get().equals(settled) && pending(history(a, b)).isEmpty()) {
                return;
            }
            settled = same ? atA.get() : null;
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no settled session between a and b within 30 s: " + atA + " / " + atB);
            }
            Thread.sleep(1000);
        }
    }

    private static void awaitSession(DaemonProcess of, DaemonProcess peer) throws Exception {
        Await.until(
                () -> ContactRows.session(of.client(), peer.onion()),
                java.util.Optional::isPresent,
                java.time.Duration.ofSeconds(30));
    }

    /**
     * One delivered message each way before the chaos: until a peer has acknowledged once, its silence counts as
     * an original C daemon's ("sent", never retried), by design; after that, silence is a failure and retried.
     */
    private void warmUp(List<Ack> acked, List<String> attempts) throws Exception {
        for (DaemonProcess[] pair : new DaemonProcess[][] {{a, b}, {b, a}}) {
            String text = "warm-up-" + pair[0].name() + pair[1].name();
            attempts.add(text);
            Message end = pair[0].client().send(pair[1].onion(), text);
            acked.add(new Ack(text, mid(end), pair[0], pair[1], false));
        }
        long deadline = System.currentTimeMillis() + 20_000;
        while (!pending(history(a, b)).isEmpty() || !pending(history(b, a)).isEmpty()) {
            if (System.currentTimeMillis() > deadline) {
                fail("warm-up messages not delivered within 20 s:\n" + a.logTail(20) + "\n" + b.logTail(20));
            }
            Thread.sleep(50);
        }
    }

    /**
     * Messages that exist only in a killed daemon's store, with no SEND after its restart to wake anything: b is
     * killed, a queues for it; a is killed with its queue undelivered; b comes back and queues for a; b is killed;
     * both start. Nothing but the stores can bring these messages to their receivers.
     */
    private List<Ack> finale(
            List<Ack> acked,
            List<String> attempts,
            AtomicInteger reachedDaemon,
            AtomicInteger kills,
            Map<String, Integer> killsBy,
            long started)
            throws Exception {
        List<Ack> queued = new ArrayList<>();
        kill(b, kills, killsBy, acked, started);
        queued.addAll(sendWhileReceiverDown(a, b, acked, attempts, reachedDaemon));
        kill(a, kills, killsBy, acked, started);
        b.start();
        queued.addAll(sendWhileReceiverDown(b, a, acked, attempts, reachedDaemon));
        kill(b, kills, killsBy, acked, started);
        a.start();
        b.start();
        return queued;
    }

    private static List<Ack> sendWhileReceiverDown(
            DaemonProcess from, DaemonProcess to, List<Ack> acked, List<String> attempts, AtomicInteger reachedDaemon)
            throws Exception {
        List<Ack> queued = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String text = "finale-" + i + "-" + from.name() + to.name();
            attempts.add(text);
            reachedDaemon.incrementAndGet();
            Message end = from.client().send(to.onion(), text);
            Ack ack = new Ack(text, mid(end), from, to, true);
            acked.add(ack);
            queued.add(ack);
        }
        return queued;
    }

    private static void kill(
            DaemonProcess victim, AtomicInteger kills, Map<String, Integer> killsBy, List<Ack> acked, long started)
            throws InterruptedException {
        long pid = victim.pid();
        victim.kill();
        kills.incrementAndGet();
        killsBy.merge(victim.name(), 1, Integer::sum);
        System.out.printf(
                "CrashDurabilityIT: %5.1f s kill -9 %s (pid %d); %d acknowledged so far%n",
                seconds(started), victim.name(), pid, acked.size());
    }

    /**
     * Sends from {@code from} to {@code to} until the chaos is over and both drivers together have {@link #MESSAGES}
     * acknowledged. Every attempt has its own text; one that got no END is retried as a new attempt.
     */
    private void drive(
            DaemonProcess from,
            DaemonProcess to,
            Random random,
            List<Ack> acked,
            List<String> attempts,
            AtomicBoolean chaosDone,
            AtomicInteger reachedDaemon,
            AtomicInteger refused)
            throws Exception {
        for (int n = 0; !stopDriver.get(); n++) {
            if (acked.size() >= MESSAGES && chaosDone.get()) {
                return;
            }
            for (int k = 0; !stopDriver.get(); k++) {
                if (reachedDaemon.get() >= MAX_ATTEMPTS) {
                    System.out.println("CrashDurabilityIT: driver stops at the attempt cap " + MAX_ATTEMPTS);
                    return;
                }
                String text = "msg-" + n + "-" + from.name() + to.name() + "-try-" + k;
                attempts.add(text);
                try {
                    Message end = from.client().send(to.onion(), text);
                    reachedDaemon.incrementAndGet();
                    acked.add(new Ack(text, mid(end), from, to, !to.isUp()));
                    break;
                } catch (ConnectException e) {
                    refused.incrementAndGet(); // the sender is down: nothing can have been stored
                    Thread.sleep(50);
                } catch (IOException | ProtocolException e) {
                    reachedDaemon.incrementAndGet(); // killed mid-request: stored or not, never twice
                    Thread.sleep(20);
                } catch (DaemonErrorException e) {
                    throw new AssertionError(
                            "SEND " + text + " from " + from.name() + " was refused: " + e.getMessage());
                }
            }
            Thread.sleep(20 + random.nextInt(80));
        }
    }

    /** Polls both HISTORYs until no outgoing message is queued or sent any more; returns the last ones. */
    private Map<DaemonProcess, List<Row>> awaitEverythingDelivered(long started) throws Exception {
        long deadline = System.currentTimeMillis() + CONVERGE_MILLIS;
        while (true) {
            List<Row> ha = history(a, b);
            List<Row> hb = history(b, a);
            List<Row> pending = new ArrayList<>(pending(ha));
            pending.addAll(pending(hb));
            if (pending.isEmpty()) {
                // ha was read before hb: a message hb shows delivered may have arrived at a after ha was read.
                // Nothing changes any more once every message is delivered, so read both again.
                System.out.printf("CrashDurabilityIT: %5.1f s everything delivered%n", seconds(started));
                return Map.of(a, history(a, b), b, history(b, a));
            }
            if (System.currentTimeMillis() > deadline) {
                fail(pending.size() + " outgoing messages not delivered " + CONVERGE_MILLIS / 1000
                        + " s after the chaos, e.g. "
                        + pending.stream().limit(10).toList()
                        + "\n--- a ---\n" + a.logTail(30) + "\n--- b ---\n" + b.logTail(30));
            }
            Thread.sleep(250);
        }
    }

    private static List<Row> pending(List<Row> history) {
        return history.stream()
                .filter(r -> "out".equals(r.direction()) && !"delivered".equals(r.status()))
                .toList();
    }

    private static List<Row> history(DaemonProcess of, DaemonProcess peer) throws Exception {
        List<Message> frames = of.client().history(peer.onion(), HISTORY_MAX);
        if (frames.size() >= HISTORY_MAX) {
            fail("HISTORY of " + of.name() + " is full (" + frames.size() + " messages): the test must stay below "
                    + HISTORY_MAX + " to see everything");
        }
        return frames.stream().map(Row::of).toList();
    }

    private void check(
            Map<DaemonProcess, List<Row>> histories, List<Ack> acked, List<String> attempts, List<String> problems) {
        Set<String> attempted = new HashSet<>(attempts);
        for (DaemonProcess d : List.of(a, b)) {
            List<Row> rows = histories.get(d);
            duplicates(rows.stream().map(Row::text))
                    .forEach(t -> problems.add(d.name() + ": text stored more than once: " + t));
            duplicates(rows.stream().map(r -> r.direction() + " " + r.mid()))
                    .forEach(m -> problems.add(d.name() + ": message id stored more than once: " + m));
            rows.stream()
                    .filter(r -> !attempted.contains(r.text()))
                    .forEach(r -> problems.add(d.name() + ": a message nobody sent: " + r));
            rows.stream()
                    .filter(r -> "in".equals(r.direction()) && !"received".equals(r.status()))
                    .forEach(r -> problems.add(d.name() + ": incoming message with status " + r.status() + ": " + r));
        }
        for (Ack ack : acked) {
            List<Row> out = histories.get(ack.from()).stream()
                    .filter(r -> r.text().equals(ack.text()))
                    .toList();
            List<Row> in = histories.get(ack.to()).stream()
                    .filter(r -> r.text().equals(ack.text()))
                    .toList();
            String what = "acknowledged " + ack.from().name() + "->" + ack.to().name() + " '" + ack.text() + "' (mid "
                    + ack.mid() + ")";
            if (out.size() != 1) {
                problems.add(what + " is " + out.size() + " times on the sender");
            } else if (!out.get(0).equals(new Row(ack.text(), "out", "delivered", ack.mid()))) {
                problems.add(what + " on the sender: " + out.get(0));
            }
            if (in.size() != 1) {
                problems.add(what + " is " + in.size() + " times on the receiver");
            } else if (!in.get(0).equals(new Row(ack.text(), "in", "received", ack.mid()))) {
                problems.add(what + " on the receiver: " + in.get(0));
            }
        }
        // Everything a sender stored (acknowledged or not) arrived once, in the order it was queued.
        for (DaemonProcess[] pair : new DaemonProcess[][] {{a, b}, {b, a}}) {
            List<String> sent = histories.get(pair[0]).stream()
                    .filter(r -> "out".equals(r.direction()))
                    .map(r -> r.mid() + " " + r.text())
                    .toList();
            List<String> received = histories.get(pair[1]).stream()
                    .filter(r -> "in".equals(r.direction()))
                    .map(r -> r.mid() + " " + r.text())
                    .toList();
            if (!sent.equals(received)) {
                Set<String> missing = new HashSet<>(sent);
                received.forEach(missing::remove);
                Set<String> extra = new HashSet<>(received);
                sent.forEach(extra::remove);
                problems.add(pair[0].name() + "->" + pair[1].name() + ": the receiver's messages differ from the "
                        + "sender's (" + sent.size() + " sent, " + received.size() + " received; missing " + missing
                        + ", unexpected " + extra + (missing.isEmpty() && extra.isEmpty() ? ", order differs" : "")
                        + ")");
            }
        }
        // Acknowledged messages were queued in the order the driver got its ENDs.
        for (DaemonProcess from : List.of(a, b)) {
            List<String> ackOrder =
                    acked.stream().filter(x -> x.from() == from).map(Ack::text).toList();
            Set<String> ackTexts = new HashSet<>(ackOrder);
            List<String> stored = histories.get(from).stream()
                    .filter(r -> "out".equals(r.direction()))
                    .map(Row::text)
                    .filter(ackTexts::contains)
                    .toList();
            if (!stored.equals(ackOrder)) {
                problems.add(
                        from.name() + ": acknowledged messages are not stored in the order they were acknowledged");
            }
        }
    }

    private static List<String> duplicates(Stream<String> values) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        values.forEach(v -> counts.merge(v, 1, Integer::sum));
        return counts.entrySet().stream()
                .filter(e -> e.getValue() > 1)
                .map(e -> e.getKey() + " (x" + e.getValue() + ")")
                .toList();
    }

    private static Set<String> matches(Pattern pattern, DaemonProcess... daemons) throws IOException {
        Set<String> ids = new HashSet<>();
        for (DaemonProcess d : daemons) {
            Matcher m = pattern.matcher(d.logText());
            while (m.find()) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    private static String mid(Message end) {
        return end.extension(Extensions.MESSAGE_ID)
                .map(JsonNode::asText)
                .orElseThrow(() -> new AssertionError("SEND answered END without a message id: " + end));
    }

    /** A thread whose failure is kept for the test thread; it is stopped and joined after the test. */
    private Thread thread(String name, AtomicReference<Throwable> failure, ThrowingRunnable body) {
        Thread t = new Thread(
                () -> {
                    try {
                        body.run();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                        stopChaos.set(true);
                        stopDriver.set(true);
                    }
                },
                "crash-it-" + name);
        t.setDaemon(true);
        threads.add(t);
        return t;
    }

    private static void rethrow(AtomicReference<Throwable> failure) throws Exception {
        Throwable t = failure.get();
        if (t instanceof Exception e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** Keeps the logs and stores of a failed run in target/ (the temporary directory is deleted). */
    private void preserveEvidence(long seed) {
        stopChaos.set(true);
        stopDriver.set(true);
        try {
            Path target = Processes.daemonJar().getParent().resolve("crash-durability-" + seed);
            for (DaemonProcess d : new DaemonProcess[] {a, b}) {
                if (d == null) {
                    continue;
                }
                d.close();
                Path dir = Files.createDirectories(target.resolve(d.name()));
                if (Files.exists(d.log())) {
                    Files.copy(d.log(), dir.resolve(d.name() + ".log"), StandardCopyOption.REPLACE_EXISTING);
                }
                try (Stream<Path> files = Files.list(d.dataDir())) {
                    for (Path f : files.filter(f -> f.getFileName().toString().startsWith("torchat.db"))
                            .toList()) {
                        Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            System.out.println("CrashDurabilityIT: logs and stores kept in " + target);
        } catch (IOException | RuntimeException e) {
            System.out.println("CrashDurabilityIT: could not keep the evidence: " + e);
        }
    }
}
