package org.torchat.daemon.tor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The managed tor's start and its failures. Failures use small scripts in place of tor; the last tests run the
 * real tor (skipped with a message where it is not installed) pointed at a directory authority that does not
 * exist, so nothing leaves this machine and bootstrap stays stuck on purpose.
 */
@Timeout(60)
class ManagedTorTest {
    @TempDir
    Path tmp;

    private Path script(String name, String body) throws Exception {
        Path file = tmp.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    @Test
    void aMissingTorSaysHowToInstallItOrWhatElseToPass() {
        TorException e = assertThrows(
                TorException.class,
                () -> ManagedTor.start(
                        ManagedTor.Options.in(tmp.resolve("tor")).withTorBinary(tmp.resolve("no-such-tor"))));
        assertTrue(
                e.getMessage()
                        .startsWith("tor is not installed at " + tmp.resolve("no-such-tor")
                                + ": apt-get install tor, or pass --tor-control HOST:PORT or --socks HOST:PORT"),
                e.getMessage());
        assertTrue(ManagedTor.notInstalledMessage().startsWith("tor is not installed: apt-get install tor"));
    }

    @Test
    void torExitingAtStartIsReportedWithItsTellingLogLine() throws Exception {
        Path fake = script("fake-tor", """
                echo "Nov 25 20:34:00.152 [notice] Tor 0.4.9.11 running on Linux"
                echo "Nov 25 20:34:00.154 [warn] Could not bind to 127.0.0.1:9050: Address already in use. Is Tor already running?"
                echo "Nov 25 20:34:00.154 [err] Failed to bind one of the listener ports." >&2
                exit 1""");
        Path work = tmp.resolve("tor");
        TorException e = assertThrows(
                TorException.class,
                () -> ManagedTor.start(ManagedTor.Options.in(work).withTorBinary(fake)));
        assertEquals(
                "tor exited at start (code 1): [err] Failed to bind one of the listener ports. (tor's log: "
                        + work.toAbsolutePath().resolve("tor.log") + ")",
                e.getMessage());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(work.resolve("data"))));
        assertTrue(Files.readString(work.resolve("torrc")).contains("CookieAuthentication 1"));
    }

    @Test
    void aTorThatNeverOpensItsControlPortIsStoppedAndReported() throws Exception {
        Path pidFile = tmp.resolve("pid");
        Path fake = script("fake-tor", "echo $$ > " + pidFile + "\nexec sleep 30");
        TorException e = assertThrows(
                TorException.class,
                () -> ManagedTor.start(ManagedTor.Options.in(tmp.resolve("tor"))
                        .withTorBinary(fake)
                        .withStartTimeout(Duration.ofSeconds(1))));
        assertTrue(e.getMessage().startsWith("tor did not open its control port within 1 s"), e.getMessage());
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        assertTrue(h.isEmpty() || !h.get().isAlive(), "the fake tor was stopped");
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A network whose only authority is a closed port: tor starts, and bootstrap cannot get past a few percent. */
    private static List<String> nowhere() throws Exception {
        String zeros = "0".repeat(40);
        return List.of(
                "TestingTorNetwork 1",
                "DirAuthority nowhere orport=" + closedPort() + " v3ident=" + zeros + " 127.0.0.1:" + closedPort() + " "
                        + zeros);
    }

    private static void assumeTor() {
        Assumptions.assumeTrue(
                ManagedTor.findTorBinary().isPresent(),
                "tor is not installed: skipping the tests that run the real tor (apt-get install tor)");
    }

    @Test
    void realTorStartsOnPortsOfItsOwnChoosingIsOwnedByUsAndStopsWithClose() throws Exception {
        assumeTor();
        Path work = tmp.resolve("tor");
        long pid;
        try (ManagedTor a = ManagedTor.start(ManagedTor.Options.in(work).withExtraTorrcLines(nowhere()));
                ManagedTor b = ManagedTor.start(
                        ManagedTor.Options.in(tmp.resolve("tor2")).withExtraTorrcLines(nowhere()))) {
            pid = a.pid().orElseThrow();
            assertNotEquals(a.socksAddress(), b.socksAddress(), "two tors never collide");
            assertTrue(a.socksAddress().getAddress().isLoopbackAddress());
            assertFalse(a.status().bootstrapped());
            assertTrue(Files.readString(work.resolve("control-port")).startsWith("PORT=127.0.0.1:"));
            assertEquals(
                    "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(work.resolve("data"))));
        }
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        assertTrue(h.isEmpty() || !h.get().isAlive(), "tor exits when we close it");
    }

    @Test
    void realTorStuckInBootstrapIsReportedAndAKilledTorIsRestartedOnTheSamePort() throws Exception {
        assumeTor();
        ManagedTor.Options options = ManagedTor.Options.in(tmp.resolve("tor"))
                .withExtraTorrcLines(nowhere())
                .withBootstrapTimeout(Duration.ofSeconds(1))
                .withRestartDelays(Duration.ofMillis(200), Duration.ofSeconds(1));
        try (ManagedTor tor = ManagedTor.start(options)) {
            TorException e = assertThrows(TorException.class, () -> tor.awaitBootstrapped(Duration.ofSeconds(1)));
            assertTrue(
                    e.getMessage().startsWith("tor has not finished bootstrapping after 1 s: stuck at "),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith("(tor's log: " + tor.logFile() + ")"), e.getMessage());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (tor.status().problem() == null) {
                assertTrue(System.nanoTime() < deadline, "the supervisor reports the stuck bootstrap");
                Thread.sleep(20);
            }
            assertTrue(tor.status().problem().contains("stuck at"), tor.status().problem());

            long first = tor.pid().orElseThrow();
            int socks = tor.socksAddress().getPort();
            ProcessHandle.of(first).orElseThrow().destroyForcibly();
            deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (tor.pid().isEmpty()
                    || tor.pid().get() == first
                    || tor.status().state() == TorStatus.State.RESTARTING
                    || tor.status().state() == TorStatus.State.STARTING) {
                assertTrue(
                        System.nanoTime() < deadline,
                        "restarted: " + tor.status().describe());
                Thread.sleep(20);
            }
            assertEquals(socks, tor.socksAddress().getPort(), "the new tor keeps the SOCKS port");
            assertTrue(Files.exists(tor.logFile().resolveSibling("tor.log.1")), "the previous run's log is kept");
        }
    }
}
