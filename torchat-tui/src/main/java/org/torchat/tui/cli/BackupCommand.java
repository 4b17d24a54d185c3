package org.torchat.tui.cli;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.torchat.protocol.backup.BackupCipher;
import org.torchat.protocol.backup.KdfParameters;
import org.torchat.protocol.backup.Passphrases;
import org.torchat.tui.ClientFailureException;
import org.torchat.tui.TorchatException;
import org.torchat.tui.UsageException;
import org.torchat.tui.daemon.DaemonApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code torchat backup FILE}: an encrypted backup of the running daemon, written here, on the client's machine
 * (docs/BACKUP.md). The daemon streams a consistent snapshot; this side encrypts it with the passphrase, which never
 * leaves this process, and renames the finished file into place, so FILE is either a whole backup or absent.
 */
@Command(
        name = "backup",
        mixinStandardHelpOptions = true,
        description = {
            "Write an encrypted backup of the running daemon to FILE on this machine: its identity",
            "(onion address), contacts, history, settings and transfers' state. Restore it with",
            "'torchatd --restore FILE --data-dir DIR'. The passphrase: --passphrase-file, else",
            "$" + Passphrases.ENV + ", else asked twice on the terminal (not echoed)."
        })
public final class BackupCommand implements Callable<Integer> {
    @Mixin
    DaemonOptions daemon;

    @Parameters(index = "0", paramLabel = "FILE", description = "The backup file to write (must not exist).")
    Path file;

    @Option(
            names = "--passphrase-file",
            paramLabel = "FILE",
            description = "Read the passphrase from the first line of this file.")
    Path passphraseFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws TorchatException {
        Path target = file.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            throw new UsageException(target + " exists: a backup never replaces a file, give a new name");
        }
        if (!Files.isDirectory(target.getParent())) {
            throw new UsageException("no such directory: " + target.getParent());
        }
        char[] passphrase;
        try {
            passphrase =
                    Passphrases.obtain(passphraseFile, System.getenv(), System.console(), "Backup passphrase", true);
        } catch (Passphrases.UnavailableException e) {
            throw new UsageException(e.getMessage());
        }
        try {
            DaemonApi api = daemon.connect();
            String onion = api.host();
            long size = write(api, target, passphrase);
            PrintWriter out = spec.commandLine().getOut();
            out.println("backup of " + onion + " written to " + target + " (" + Files.size(target) + " bytes, " + size
                    + " before encryption)");
            out.flush();
            return 0;
        } catch (IOException e) {
            throw new ClientFailureException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    /** Into a hidden file beside {@code target} (mode 0600), synced, then renamed: never a half-written backup. */
    private static long write(DaemonApi api, Path target, char[] passphrase) throws TorchatException, IOException {
        Path partial = Files.createTempFile(
                target.getParent(),
                "." + target.getFileName() + ".",
                ".partial",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            SyncedFile local = new SyncedFile(FileChannel.open(partial, StandardOpenOption.WRITE));
            long size;
            try (OutputStream sealed = BackupCipher.encrypting(
                    new BufferedOutputStream(local, 1 << 16), passphrase, KdfParameters.DEFAULT)) {
                size = api.backup(sealed);
            } catch (TorchatException e) {
                // A full disk here would otherwise read as the daemon's failure.
                if (local.failure != null) {
                    throw local.failure;
                }
                throw e;
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return size;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** The file's stream: remembers a write failure, and is on disk (fsync) before it closes. */
    private static final class SyncedFile extends FilterOutputStream {
        private final FileChannel channel;
        IOException failure;

        SyncedFile(FileChannel channel) {
            super(Channels.newOutputStream(channel));
            this.channel = channel;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            flush();
            channel.force(true);
            super.close();
        }
    }
}
