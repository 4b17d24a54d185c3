package org.torchat.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.torchat.daemon.testing.TestDaemon;
import org.torchat.daemon.testing.TestSocks5Server;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.client.DaemonClient;

/**
 * File transfer between two real daemons on loopback through the test SOCKS5 relay (standing in for Tor): for each
 * run, the time to stream the file to the sending daemon (FILEUP answered), and from the start of that upload until
 * the receiving daemon lists the file complete (hash checked, saved), read by polling TRANSFERS every 10 ms.
 *
 * <p>Usage: {@code java -cp torchat-bench/target/torchat-bench.jar org.torchat.bench.FileTransferBench
 * [megabytes] [runs]} (defaults 20 5).
 */
public final class FileTransferBench {
    private FileTransferBench() {}

    public static void main(String[] args) throws Exception {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path tmp = Files.createTempDirectory("torchat-file-bench");
        byte[] content = new byte[megabytes * 1024 * 1024];
        new Random(1).nextBytes(content);
        Path file = Files.write(tmp.resolve("bench.bin"), content);
        try (TestSocks5Server socks = new TestSocks5Server();
                TestDaemon alice = TestDaemon.startReachable(tmp, "alice", socks);
                TestDaemon bob = TestDaemon.startReachable(
                        tmp,
                        "bob",
                        socks,
                        "fileaccept: all",
                        "fileautoacceptmax: 68719476736",
                        "filemaxsize: 68719476736")) {
            String to = bob.address().hostname();
            // Only contacts may offer files: Bob has Alice among his.
            bob.client().changeContact(Command.ADD_CONTACT, alice.address().hostname(), "alice");
            System.out.printf(Locale.ROOT, "%d MiB, %d runs (the first warms up the JVM)%n", megabytes, runs + 1);
            for (int run = 0; run <= runs; run++) {
                long start = System.nanoTime();
                Message end = alice.client().sendFile(to, file, (sent, total) -> {});
                long uploaded = System.nanoTime();
                String tid = end.extension(Extensions.TRANSFER_ID).orElseThrow().asText();
                awaitComplete(bob.client(), tid);
                long done = System.nanoTime();
                double upload = (uploaded - start) / 1e9;
                double total = (done - start) / 1e9;
                System.out.printf(
                        Locale.ROOT,
                        "%s: upload to daemon %.2f s (%.1f MiB/s), upload + peer transfer "
                                + "%.2f s (%.1f MiB/s end to end)%n",
                        run == 0 ? "warm-up" : "run " + run,
                        upload,
                        megabytes / upload,
                        total,
                        megabytes / total);
            }
        }
    }

    private static void awaitComplete(DaemonClient bob, String tid) throws Exception {
        while (true) {
            for (Message m : bob.transfers()) {
                if (tid.equals(m.extension(Extensions.TRANSFER_ID)
                                .map(n -> n.asText())
                                .orElse(""))
                        && "complete"
                                .equals(m.extension(Extensions.STATE)
                                        .map(n -> n.asText())
                                        .orElse(""))) {
                    return;
                }
            }
            Thread.sleep(10);
        }
    }
}
