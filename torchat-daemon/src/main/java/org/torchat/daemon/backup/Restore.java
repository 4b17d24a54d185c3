package org.torchat.daemon.backup;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;
import org.torchat.daemon.RestoreException;
import org.torchat.daemon.StartupException;
import org.torchat.daemon.identity.IdentityStore;
import org.torchat.daemon.store.DataDirectory;
import org.torchat.daemon.store.Database;
import org.torchat.daemon.store.NativeLibraryDirectory;
import org.torchat.protocol.backup.BackupBundle;
import org.torchat.protocol.backup.BackupCipher;
import org.torchat.protocol.backup.BackupException;
import org.torchat.protocol.onion.OnionAddress;

/**
 * {@code torchatd --restore FILE --data-dir DIR}: a new data directory from a backup. Everything is written into a
 * hidden directory beside DIR, checked (the whole file authenticated, the identity loaded, the store opened and
 * migrated), and only then renamed to DIR in one step: a wrong passphrase, a damaged or truncated file or a crash
 * leaves no DIR and no half-written one.
 */
public final class Restore {
    /** What a restore made. */
    public record Result(Path dataDir, OnionAddress address) {}

    private Restore() {}

    public static Result run(Path backup, Path target, char[] passphrase) throws RestoreException {
        Path dir = target.toAbsolutePath().normalize();
        checkTarget(dir);
        Path work = workDirectory(dir);
        try {
            unpack(backup, work, passphrase);
            OnionAddress address = check(work);
            moveIntoPlace(work, dir);
            return new Result(dir, address);
        } finally {
            deleteTree(work);
        }
    }

    /** DIR must not exist, or be empty: a restore never mixes a backup with another daemon's files. */
    private static void checkTarget(Path dir) throws RestoreException {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new RestoreException(dir + " exists and is not a directory");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw new RestoreException("data directory " + dir + " is not empty: a restore makes a new data "
                        + "directory (give --data-dir a new path)");
            }
        } catch (IOException e) {
            throw new RestoreException("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Path workDirectory(Path dir) throws RestoreException {
        try {
            Path parent = dir.getParent();
            Files.createDirectories(parent);
            return Files.createTempDirectory(
                    parent,
                    "." + dir.getFileName() + ".restoring-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new RestoreException("cannot create a directory beside " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void unpack(Path backup, Path work, char[] passphrase) throws RestoreException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(backup), 1 << 16);
                InputStream plain = BackupCipher.decrypting(in, passphrase)) {
            BackupBundle.read(plain, (name, size, content) -> write(work.resolve(name), content));
        } catch (NoSuchFileException e) {
            throw new RestoreException("no such backup file: " + backup);
        } catch (BackupException e) {
            throw new RestoreException(backup + ": " + e.getMessage(), e);
        } catch (IOException e) {
            BackupException cause = BackupCipher.unwrap(e).orElse(null);
            if (cause != null) {
                throw new RestoreException(backup + ": " + cause.getMessage(), cause);
            }
            throw new RestoreException("cannot restore from " + backup + ": " + e.getMessage(), e);
        }
    }

    /** Each file 0600 and on disk (fsync) before the directory is renamed into place. */
    private static void write(Path file, InputStream content) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
            try (OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                content.transferTo(out);
                channel.force(true);
            }
        }
    }

    /** Opens what was unpacked as the daemon will: the identity gives the address, the store its schema. */
    private static OnionAddress check(Path work) throws RestoreException {
        try (DataDirectory dir = DataDirectory.open(work)) {
            OnionAddress address = IdentityStore.loadOrCreate(dir).onionAddress();
            NativeLibraryDirectory.prepare(dir);
            Database.open(dir.resolve(Database.FILE_NAME)).close();
            return address;
        } catch (StartupException e) {
            throw new RestoreException("the backup's content is unusable: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new RestoreException("cannot check the restored files: " + e.getMessage(), e);
        }
    }

    private static void moveIntoPlace(Path work, Path dir) throws RestoreException {
        try {
            // rename(2): atomic, and it replaces an empty directory; never a copy.
            Files.move(work, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (DirectoryNotEmptyException | FileAlreadyExistsException e) {
            throw new RestoreException("data directory " + dir + " was filled while the backup was restored", e);
        } catch (IOException e) {
            throw new RestoreException(
                    "cannot move the restored data directory into place at " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: the directory is hidden and holds nothing that is in use
                }
            });
        } catch (IOException e) {
            // as above
        }
    }
}
