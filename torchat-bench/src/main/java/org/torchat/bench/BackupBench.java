package org.torchat.bench;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.torchat.daemon.backup.Restore;
import org.torchat.daemon.store.Database;
import org.torchat.protocol.backup.BackupCipher;
import org.torchat.protocol.backup.BackupDownload;
import org.torchat.protocol.backup.KdfParameters;
import org.torchat.protocol.identity.Ed25519Identity;

/**
 * Backup and restore time by store size (issue 17): fills a store with N messages over 1000 peers (as HistoryBench),
 * starts the daemon as its own process on it, and times what {@code torchat backup} does (BACKUP streamed over the
 * control port, encrypted with the default Argon2id parameters, written to a file), then what
 * {@code torchatd --restore} does (decrypt, unpack, open and check the store, rename into place).
 *
 * <p>Usage, from the repository root: {@code java -cp torchat-bench/target/torchat-bench.jar
 * org.torchat.bench.BackupBench [sizes] [JVM options of the daemon...]}, e.g. {@code BackupBench 100000,1000000}.
 */
public final class BackupBench {
    private static final char[] PASSPHRASE = "benchmark passphrase".toCharArray();

    private BackupBench() {}

    public static void main(String[] args) throws Exception {
        int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "100000,1000000").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        List<String> options = List.of(Arrays.copyOfRange(args, Math.min(1, args.length), args.length));
        String[] peers = new String[1000];
        for (int i = 0; i < peers.length; i++) {
            peers[i] = Ed25519Identity.generate().onionAddress().hostname();
        }
        for (int size : sizes) {
            Path dir = Files.createTempDirectory("torchat-backup-bench");
            try {
                measure(dir, peers, size, options);
            } finally {
                TempFiles.deleteTree(dir);
            }
        }
    }

    private static void measure(Path dir, String[] peers, int size, List<String> options) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Database.open(data.resolve(Database.FILE_NAME)).close();
        HistoryBench.fill(data.resolve(Database.FILE_NAME), peers, size);
        long storeBytes = Files.size(data.resolve(Database.FILE_NAME));
        Path backup = dir.resolve("backup.tcbk");
        long t0;
        long bundle;
        double backupSeconds;
        try (DaemonUnderTest daemon = DaemonUnderTest.start(data, options)) {
            t0 = System.nanoTime();
            try (OutputStream out = BackupCipher.encrypting(
                    new BufferedOutputStream(Files.newOutputStream(backup), 1 << 16),
                    PASSPHRASE,
                    KdfParameters.DEFAULT)) {
                bundle = BackupDownload.into(daemon.client(), out);
            }
            backupSeconds = (System.nanoTime() - t0) / 1e9;
        }
        t0 = System.nanoTime();
        Restore.run(backup, dir.resolve("restored"), PASSPHRASE);
        double restoreSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "%,d messages: store %.1f MB, bundle %.1f MB, backup file %.1f MB; "
                        + "backup %.2f s, restore %.2f s%n",
                size,
                storeBytes / 1e6,
                bundle / 1e6,
                Files.size(backup) / 1e6,
                backupSeconds,
                restoreSeconds);
    }
}
