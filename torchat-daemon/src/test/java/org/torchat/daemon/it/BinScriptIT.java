package org.torchat.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchat.daemon.testing.FreePorts;
import org.torchat.daemon.testing.Processes;
import org.torchat.protocol.client.DaemonClient;

/** The README's run command: bin/torchatd -d PORT returns once the daemon serves, and says where things are. */
class BinScriptIT {
    @TempDir
    Path tmp;

    @Test
    void detachedDaemonServesAndASecondOnTheSamePortFails() throws Exception {
        int port = FreePorts.next();
        // Explicit peer ports: the default (PORT+1) could belong to anything else running on this machine.
        // --socks: no Tor here (OnionDeliveryIT covers managed tor); this test is about the launcher.
        Processes.Result started = runScript(
                tmp.resolve("home1"),
                "-d",
                "--socks",
                "127.0.0.1:9",
                "--peer-port",
                String.valueOf(FreePorts.next()),
                String.valueOf(port));
        assertEquals(0, started.exitCode(), started.output());
        Matcher onion = Pattern.compile("onion address: ([a-z2-7]{56}\\.onion)").matcher(started.output());
        assertTrue(onion.find(), started.output());
        assertTrue(started.output().contains("pid file:      " + tmp.resolve("home1/torchatd.pid")), started.output());
        assertTrue(started.output().contains("log:           " + tmp.resolve("home1/info.log")), started.output());
        // Issue 14: no tor in use, so the banner says the address is not published (and how to install tor).
        assertTrue(started.output().contains("the onion address is NOT published"), started.output());

        DaemonClient client = new DaemonClient("127.0.0.1", port);
        try {
            assertEquals(onion.group(1), client.host());
            assertTrue(Files.exists(tmp.resolve("home1/info.log")));
            assertEquals(
                    "rw-------",
                    java.nio.file.attribute.PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(tmp.resolve("home1/info.log"))));

            Processes.Result second = runScript(
                    tmp.resolve("home2"),
                    "-d",
                    "--socks",
                    "127.0.0.1:9",
                    "--peer-port",
                    String.valueOf(FreePorts.next()),
                    String.valueOf(port));
            assertEquals(1, second.exitCode(), second.output());
            assertTrue(
                    second.output()
                            .contains("cannot listen for control connections on 127.0.0.1:" + port
                                    + ": the port is already in use"),
                    second.output());
        } finally {
            long pid = Long.parseLong(
                    Files.readString(tmp.resolve("home1/torchatd.pid")).strip());
            client.exit();
            awaitExit(pid);
        }
    }

    @Test
    void theDataDirectoryFollowsHome() throws Exception {
        int port = FreePorts.next();
        Path home = tmp.resolve("home-of-another");
        String[] command = {
            Processes.repository().resolve("bin/torchatd").toString(),
            "-d",
            "--socks",
            "127.0.0.1:9",
            "--peer-port",
            String.valueOf(FreePorts.next()),
            String.valueOf(port)
        };
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("TORCHAT_HOME");
        pb.environment().put("HOME", home.toString());
        Processes.Result started = Processes.run(pb, tmp.resolve("home.out"), 120);
        assertEquals(0, started.exitCode(), started.output());
        Path pidFile = home.resolve(".torchat/torchatd.pid");
        try {
            assertTrue(started.output().contains("pid file:      " + pidFile), started.output());
        } finally {
            new DaemonClient("127.0.0.1", port).exit();
            awaitExit(Long.parseLong(Files.readString(pidFile).strip()));
        }
    }

    private Processes.Result runScript(Path home, String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = Processes.repository().resolve("bin/torchatd").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("TORCHAT_HOME", home.toString());
        return Processes.run(pb, tmp.resolve("script.out"), 120);
    }

    private static void awaitExit(long pid) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.currentTimeMillis() > deadline) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                throw new AssertionError("torchatd " + pid + " did not exit after EXIT");
            }
            Thread.sleep(50);
        }
    }
}
