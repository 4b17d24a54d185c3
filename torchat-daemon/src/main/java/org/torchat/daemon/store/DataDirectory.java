package org.torchat.daemon.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.torchat.daemon.StartupException;

/**
 * The daemon's data directory (mode 0700): identity, logs, pid file. Holds an exclusive lock for the daemon's
 * lifetime so that two daemons never share one identity and store.
 */
public final class DataDirectory implements AutoCloseable {
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final String LOCK_FILE = "torchatd.lock";

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Creates the directory if needed, tightens its mode to 0700 and locks it. */
    public static DataDirectory open(Path root) throws StartupException {
        try {
            if (!Files.isDirectory(root)) {
                Files.createDirectories(root);
            }
            Files.setPosixFilePermissions(root, DIR_MODE);
        } catch (IOException e) {
            throw new StartupException("cannot create data directory " + root + ": " + e.getMessage(), e);
        }
        Path lockPath = root.resolve(LOCK_FILE);
        try {
            FileChannel channel = FileChannel.open(
                    lockPath,
                    Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ),
                    PosixFilePermissions.asFileAttribute(FILE_MODE));
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this same process: another DataDirectory on root is still open
            }
            if (lock == null) {
                channel.close();
                throw new StartupException("data directory " + root + " is in use by another torchatd"
                        + runningPid(root) + "; give each daemon its own --data-dir");
            }
            return new DataDirectory(root, channel, lock);
        } catch (IOException e) {
            throw new StartupException("cannot lock data directory " + root + ": " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    public Path resolve(String name) {
        return root.resolve(name);
    }

    /** Creates (or replaces) {@code name} as an empty file readable by us only, before anything is written to it. */
    public Path createPrivateFile(String name) throws IOException {
        Path file = root.resolve(name);
        Files.deleteIfExists(file);
        try {
            return Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE_MODE));
        } catch (FileAlreadyExistsException e) {
            throw new IOException(file + " appeared while it was being created", e);
        }
    }

    /** Creates {@code name} empty with mode 0600 unless it exists, so that whoever writes it later cannot widen it. */
    public Path ensurePrivateFileExists(String name) throws IOException {
        Path file = root.resolve(name);
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE_MODE));
        }
        return file;
    }

    /** Creates the subdirectory {@code name} with mode 0700 unless it exists, and tightens it to 0700 if it does. */
    public Path ensurePrivateDirectory(String name) throws IOException {
        Path dir = root.resolve(name);
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
        }
        Files.setPosixFilePermissions(dir, DIR_MODE);
        return dir;
    }

    /** Tightens an existing secret file to 0600. */
    public void ensurePrivateFile(Path file) throws IOException {
        if (!Files.getPosixFilePermissions(file).equals(FILE_MODE)) {
            Files.setPosixFilePermissions(file, FILE_MODE);
        }
    }

    /** Writes {@code text} to {@code name} atomically, so a reader never sees half a file. */
    public void writeAtomically(String name, String text) throws IOException {
        Path tmp = createPrivateFile(name + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, root.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String runningPid(Path root) {
        try {
            return " (pid " + Files.readString(root.resolve("torchatd.pid")).strip() + ")";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        lockChannel.close();
    }
}
