package org.torchat.daemon.testing.tor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.torchat.daemon.tor.ManagedTor;
import org.torchat.daemon.tor.Tor;
import org.torchat.daemon.tor.TorStatus;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;

/**
 * Real Tor end to end: a private Tor network on loopback, two {@link ManagedTor}s that each publish an onion
 * service from our own Ed25519 identity, and bytes exchanged between them through real onion circuits. Measures
 * network bring-up, publishing, first connection and round-trip time, and checks that a killed tor is restarted
 * and its service re-published. Skipped, with the reason, where tor is not installed.
 *
 * <p>It lives here, not in {@code org.torchat.daemon.tor}, so that surefire's {@code -Dtest=org.torchat.daemon.tor.**}
 * (the package's unit tests) does not run it; failsafe runs it as every {@code *IT}.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class PrivateTorNetworkIT {
    private static final Duration BOOTSTRAP = Duration.ofSeconds(90);
    private static final Duration PUBLISH = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    private PrivateTorNetwork network;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<Long> torPids = new ArrayList<>();

    @BeforeEach
    void requireTor() {
        Optional<String> reason = PrivateTorNetwork.unavailableReason();
        if (reason.isPresent()) {
            System.err.println("SKIPPED PrivateTorNetworkIT: " + reason.get());
        }
        Assumptions.assumeTrue(reason.isEmpty(), () -> "PrivateTorNetworkIT skipped: " + reason.orElse(""));
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        if (network != null) {
            network.close();
            for (PrivateTorNetwork.Node n : network.nodes()) {
                n.process().ifPresent(p -> assertFalse(p.isAlive(), n.nickname() + " still runs after close()"));
            }
        }
        for (long pid : torPids) {
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            assertTrue(h.isEmpty() || !h.get().isAlive(), "managed tor " + pid + " still runs after close()");
        }
    }

    @Test
    void twoManagedTorsPublishOurOwnOnionAddressesAndTalkThroughRealOnionCircuits() throws Exception {
        network = PrivateTorNetwork.start(tmp.resolve("net"));
        report(
                "private network: keys %.1f s, ready %.1f s after the first tor started (3 authorities + 2 relays)",
                seconds(network.keygenTime()), seconds(network.readyTime()));

        EchoServer echoA = track(new EchoServer());
        EchoServer echoB = track(new EchoServer());
        Ed25519Identity alice = Ed25519Identity.generate();
        Ed25519Identity bob = Ed25519Identity.generate();

        // A as the daemon will do it: start tor and publish at once, before bootstrap is done.
        long startA = System.nanoTime();
        ManagedTor torA = track(ManagedTor.start(options("a")));
        AtomicLong publishedA = new AtomicLong();
        torA.addStatusListener(s -> {
            if (s.published()) {
                publishedA.compareAndSet(0, System.nanoTime());
            }
        });
        OnionAddress addressA = torA.publish(alice, echoA.port());
        long startB = System.nanoTime();
        ManagedTor torB = track(ManagedTor.start(options("b")));
        torPids.add(torA.pid().orElseThrow());
        torPids.add(torB.pid().orElseThrow());
        report(
                "managed tors started and authenticated in %.2f s / %.2f s",
                seconds(startB - startA), seconds(System.nanoTime() - startB));
        assertEquals(alice.onionAddress(), addressA);
        assertTrue(torA.socksAddress().getPort() != torB.socksAddress().getPort(), "two tors, two SOCKS ports");

        torA.awaitBootstrapped(BOOTSTRAP);
        long bootA = System.nanoTime();
        torB.awaitBootstrapped(BOOTSTRAP);
        long bootB = System.nanoTime();
        report("bootstrapped 100%%: A %.2f s, B %.2f s after start", seconds(bootA - startA), seconds(bootB - startB));

        // B: ADD_ONION on a bootstrapped tor, measured alone.
        long addB = System.nanoTime();
        OnionAddress addressB = torB.publish(bob, echoB.port());
        assertEquals(bob.onionAddress(), addressB);
        torB.awaitPublished(PUBLISH);
        long uploadedB = System.nanoTime();
        torA.awaitPublished(PUBLISH);
        report("ADD_ONION -> first HS_DESC UPLOADED on a bootstrapped tor (B): %.2f s", seconds(uploadedB - addB));
        report(
                "start -> published with ADD_ONION right after start (A, as the daemon does it): %.2f s",
                seconds(publishedA.get() - startA));
        assertEquals(addressA.serviceId(), torA.status().onion());
        assertEquals(addressB.serviceId(), torB.status().onion());
        assertTrue(torA.status().published() && torB.status().published());

        // A -> B through real onion circuits: descriptor fetch, introduction, rendezvous.
        long connectStart = System.nanoTime();
        Attempted first = connectWithRetries(torA, addressB, 10);
        try (Socket stream = first.socket()) {
            long connected = System.nanoTime();
            exchange(stream, "hello bob, from alice");
            report(
                    "first connection A -> B (SOCKS CONNECT + echo): %.2f s after B was published, %d attempt(s)",
                    seconds(System.nanoTime() - connectStart), first.attempts());
            report("  of which SOCKS CONNECT (all attempts) %.2f s", seconds(connected - connectStart));

            double[] rtt = new double[100];
            byte[] ping = "ping!".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < rtt.length; i++) {
                long t = System.nanoTime();
                exchange(stream, ping);
                rtt[i] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(rtt);
            report(
                    "round trip of 5 bytes over one open onion stream, 100 times: median %.1f ms (min %.1f, max %.1f)",
                    rtt[50], rtt[0], rtt[99]);
        }

        long backStart = System.nanoTime();
        Attempted back = connectWithRetries(torB, addressA, 10);
        try (Socket stream = back.socket()) {
            exchange(stream, "hello alice, from bob");
        }
        report(
                "first connection B -> A: %.2f s, %d attempt(s)",
                seconds(System.nanoTime() - backStart), back.attempts());
        assertTrue(echoA.connections() >= 1 && echoB.connections() >= 1);

        // A's tor dies: the supervisor starts a new one and publishes the same address again.
        long oldPid = torA.pid().orElseThrow();
        InetSocketAddress oldSocks = torA.socksAddress();
        long killed = System.nanoTime();
        ProcessHandle.of(oldPid).orElseThrow().destroyForcibly();
        awaitState(torA, TorStatus.State.RESTARTING, Duration.ofSeconds(20));
        torA.awaitPublished(PUBLISH);
        long republished = System.nanoTime();
        long newPid = torA.pid().orElseThrow();
        torPids.add(newPid);
        assertTrue(newPid != oldPid, "a new tor process");
        assertEquals(addressA.serviceId(), torA.status().onion());
        report(
                "tor A killed -> restarted and re-published: %.2f s (SOCKS port %s -> %s)",
                seconds(republished - killed),
                oldSocks.getPort(),
                torA.socksAddress().getPort());
        Attempted again = connectWithRetries(torB, addressA, 30);
        try (Socket stream = again.socket()) {
            exchange(stream, "still there, alice?");
        }
        report(
                "B -> A after A's restart: %.2f s after re-publish, %d attempt(s)",
                seconds(System.nanoTime() - republished), again.attempts());
    }

    private ManagedTor.Options options(String name) {
        return ManagedTor.Options.in(tmp.resolve(name))
                .withExtraTorrcLines(network.clientTorrcLines())
                .withBootstrapTimeout(BOOTSTRAP);
    }

    private record Attempted(Socket socket, int attempts) {}

    /**
     * Connects through {@code from}'s SOCKS port to {@code to}:80. The first UPLOADED event covers one HSDir only,
     * and about one first attempt in ten still fails: retry a second apart.
     */
    private static Attempted connectWithRetries(Tor from, OnionAddress to, int attempts) throws Exception {
        IOException last = null;
        for (int i = 1; i <= attempts; i++) {
            try {
                return new Attempted(Socks5.connect(from.socksAddress(), to.hostname(), Tor.ONION_PORT, 60_000), i);
            } catch (IOException e) {
                last = e;
                report("  attempt %d to %s failed: %s", i, to, e.getMessage());
                Thread.sleep(1000);
            }
        }
        throw new AssertionError("no connection to " + to + " after " + attempts + " attempts", last);
    }

    private static void exchange(Socket s, String text) throws IOException {
        exchange(s, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void exchange(Socket s, byte[] data) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(data);
        out.flush();
        byte[] back = new byte[data.length];
        new DataInputStream(s.getInputStream()).readFully(back);
        assertArrayEquals(data, back, "echoed through the onion service");
    }

    private static void awaitState(Tor tor, TorStatus.State state, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (tor.status().state() != state) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "tor never reached " + state + "; now: " + tor.status().describe());
            }
            Thread.sleep(20);
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void report(String format, Object... args) {
        System.out.println("[tor-it] " + String.format(format, args));
    }
}
