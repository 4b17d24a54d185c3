package org.torchat.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchat.daemon.testing.FreePorts;
import org.torchat.daemon.testing.Processes;
import org.torchat.protocol.client.DaemonClient;

/** torchatd as a real process: exit codes, signals, one-line reasons. */
class DaemonProcessIT {
    @TempDir
    Path tmp;

    @Test
    void exitStopsTheDaemonWithExitCodeZero() throws Exception {
        int port = FreePorts.next();
        Process p = startDaemon(port);
        new DaemonClient("127.0.0.1", port).exit();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "torchatd stops after EXIT");
        assertEquals(0, p.exitValue());
        assertFalse(Files.exists(tmp.resolve("data/torchatd.pid")), "the pid file is removed");
    }

    @Test
    void sigtermStopsTheDaemonCleanlyWithExitCodeZero() throws Exception {
        Process p = startDaemon(FreePorts.next());
        p.destroy();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertTrue(Files.readString(tmp.resolve("out")).contains("torchatd stopped"));
    }

    @Test
    void theIdentitySurvivesARestart() throws Exception {
        int port = FreePorts.next();
        Process first = startDaemon(port);
        String before = new DaemonClient("127.0.0.1", port).host();
        first.destroy();
        assertTrue(first.waitFor(20, TimeUnit.SECONDS));
        Files.delete(tmp.resolve("ready"));
        Process second = startDaemon(port);
        try {
            assertEquals(before, new DaemonClient("127.0.0.1", port).host());
        } finally {
            second.destroy();
            second.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPortInUseFailsWithExitCodeOneAndOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Processes.Result r = Processes.run(
                    Processes.torchatd(
                            tmp.resolve("out"),
                            "--data-dir",
                            tmp.resolve("data").toString(),
                            "--peer-port",
                            String.valueOf(FreePorts.next()),
                            String.valueOf(taken.getLocalPort())),
                    tmp.resolve("out"),
                    30);
            assertEquals(1, r.exitCode(), r.output());
            assertTrue(
                    r.output()
                            .strip()
                            .startsWith("torchatd: cannot listen for control connections on 127.0.0.1:"
                                    + taken.getLocalPort() + ": the port is already in use"),
                    r.output());
            assertEquals(1, r.output().strip().lines().count(), r.output());
        }
    }

    @Test
    void badUsageExitsWithTwo() throws Exception {
        assertUsageError("Invalid value for positional parameter at index 0 (PORT)", "notaport");
        assertUsageError("PORT must be a port number 1..65535, got 70000", "70000");
        assertUsageError("expected HOST:PORT", "--socks", "nohost", "8000");
        assertUsageError("Unknown option: '--bogus'", "--bogus", "8000");
    }

    @Test
    void aBadConfigFileNamesTheFileAndLine() throws Exception {
        Path conf = tmp.resolve("torchat.conf");
        Files.writeString(conf, "# ok\nmaxconnections: 16\ntorport: ninety\n");
        assertUsageError(conf + ":3: torport: 'ninety' is not a port number", "--config", conf.toString(), "8000");
        Files.writeString(conf, "colour: blue\n");
        assertUsageError(conf + ":1: unknown key 'colour'", "--config", conf.toString(), "8000");
    }

    @Test
    void versionAndHelpExitWithZero() throws Exception {
        Processes.Result version =
                Processes.run(Processes.torchatd(tmp.resolve("out"), "--version"), tmp.resolve("out"), 30);
        assertEquals(0, version.exitCode());
        assertTrue(version.output().startsWith("torchatd 0.1.0"), version.output());
        // The commit it was built from (git describe: at least 12 hex digits), recorded at build time.
        assertTrue(
                version.output().matches("(?s)torchatd \\S+ \\(commit [0-9a-f]{12,}(-dirty)?\\)\\s*"),
                version.output());
        Processes.Result help = Processes.run(Processes.torchatd(tmp.resolve("out"), "--help"), tmp.resolve("out"), 30);
        assertEquals(0, help.exitCode());
        assertTrue(help.output().contains("--data-dir"), help.output());
    }

    private void assertUsageError(String expected, String... args) throws Exception {
        String[] all = new String[args.length + 2];
        all[0] = "--data-dir";
        all[1] = tmp.resolve("data").toString();
        System.arraycopy(args, 0, all, 2, args.length);
        Processes.Result r = Processes.run(Processes.torchatd(tmp.resolve("out"), all), tmp.resolve("out"), 30);
        assertEquals(2, r.exitCode(), r.output());
        assertTrue(r.output().contains(expected), "expected '" + expected + "' in: " + r.output());
    }

    private Process startDaemon(int port) throws Exception {
        Process p = Processes.torchatd(
                        tmp.resolve("out"),
                        "--data-dir",
                        tmp.resolve("data").toString(),
                        "--socks",
                        "127.0.0.1:9",
                        "--peer-port",
                        String.valueOf(FreePorts.next()),
                        "--ready-file",
                        tmp.resolve("ready").toString(),
                        String.valueOf(port))
                .start();
        Processes.awaitFile(tmp.resolve("ready"), p, 30);
        return p;
    }
}
