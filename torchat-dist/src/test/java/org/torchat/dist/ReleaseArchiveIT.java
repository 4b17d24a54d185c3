package org.torchat.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchat.daemon.testing.FreePorts;
import org.torchat.protocol.client.DaemonClient;

/**
 * Issue 17: the release archive, unpacked into an empty directory, runs with a Java runtime and nothing else: no
 * Maven on PATH, no sources, no build. The daemon starts detached, answers its client, backs up and restores through
 * the archive's own jars (BouncyCastle is trimmed in them), and stops.
 */
class ReleaseArchiveIT {
    private static final String PASSPHRASE = "archive test passphrase";

    @TempDir
    Path tmp;

    @Test
    void theUnpackedArchiveRunsTheDaemonAndClientWithOnlyJava() throws Exception {
        try (UnpackedArchive archive = UnpackedArchive.into(tmp)) {
            runsFrom(archive);
        }
    }

    private void runsFrom(UnpackedArchive archive) throws Exception {
        assertNotEquals(0, archive.run(10, "bash", "-c", "command -v mvn").code(), "Maven is not on PATH");
        assertTrue(Files.isRegularFile(archive.root().resolve("lib/torchatd.jsa")), "the trained class-data archive");
        for (String f : List.of(
                "torchat.conf",
                "README.md",
                "docs/PERFORMANCE.md",
                "docs/BACKUP.md",
                "systemd/torchatd.service",
                "systemd/user/torchatd.service",
                "lib/torchatd.jar",
                "lib/torchat.jar")) {
            assertTrue(Files.isRegularFile(archive.root().resolve(f)), f);
        }

        UnpackedArchive.Result daemonVersion = archive.run(30, "bin/torchatd", "--version");
        assertEquals(0, daemonVersion.code(), daemonVersion.output());
        assertTrue(
                daemonVersion.output().matches("torchatd \\S+ \\(commit [0-9a-f]{12,}(-dirty)?\\)\\s*"),
                daemonVersion.output());
        UnpackedArchive.Result clientVersion = archive.run(30, "bin/torchat", "--version");
        assertTrue(
                clientVersion.output().matches("torchat \\S+ \\(commit [0-9a-f]{12,}(-dirty)?\\)\\s*"),
                clientVersion.output());

        int port = FreePorts.next();
        Path data = tmp.resolve("data");
        UnpackedArchive.Result start = archive.run(
                90,
                "bin/torchatd",
                "-d",
                String.valueOf(port),
                "--data-dir",
                data.toString(),
                "--socks",
                "127.0.0.1:9",
                "--peer-port",
                String.valueOf(FreePorts.next()));
        assertEquals(0, start.code(), start.output());
        assertTrue(start.output().startsWith("torchatd running (pid "), start.output());
        long pid = Long.parseLong(Files.readString(data.resolve("torchatd.pid")).strip());
        try {
            String onion = new DaemonClient("127.0.0.1", port).host();
            UnpackedArchive.Result host = archive.run(30, "bin/torchat", "host", "-p", String.valueOf(port));
            assertEquals(onion, host.output().strip(), host.output());

            Map<String, String> passphrase = Map.of("TORCHAT_BACKUP_PASSPHRASE", PASSPHRASE);
            Path backup = tmp.resolve("daemon.tcbk");
            UnpackedArchive.Result backedUp =
                    archive.run(passphrase, 60, "bin/torchat", "backup", backup.toString(), "-p", String.valueOf(port));
            assertEquals(0, backedUp.code(), backedUp.output());
            UnpackedArchive.Result restored = archive.run(
                    passphrase,
                    60,
                    "bin/torchatd",
                    "--restore",
                    backup.toString(),
                    "--data-dir",
                    tmp.resolve("restored").toString());
            assertEquals(0, restored.code(), restored.output());
            assertTrue(restored.output().contains("restored " + onion), restored.output());

            UnpackedArchive.Result stop = archive.run(30, "bin/torchat", "stop", "-p", String.valueOf(port));
            assertEquals(0, stop.code(), stop.output());
            awaitExit(pid);
        } finally {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        assertFalse(Files.exists(data.resolve("torchatd.pid")), "a clean stop removes the pid file");
        try (Stream<Path> all = Files.walk(archive.root())) {
            List<String> built = all.map(p -> archive.root().relativize(p).toString())
                    .filter(p -> p.contains("target") || p.endsWith("build.log"))
                    .toList();
            assertEquals(List.of(), built, "nothing was built");
        }
    }

    private static void awaitExit(long pid) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("torchatd " + pid + " still runs 30 s after stop");
            }
            Thread.sleep(50);
        }
    }
}
