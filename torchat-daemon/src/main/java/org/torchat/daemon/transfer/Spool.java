package org.torchat.daemon.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torchat.daemon.store.DataDirectory;
import org.torchat.protocol.onion.OnionAddress;

/**
 * Where transfer files live (docs/STORAGE.md): {@code spool/} (0700) holds files waiting to be sent
 * ({@code <tid>.out}) and files being received ({@code <peer>-<tid>.part}, until their hash is checked);
 * {@code downloads/} (0700) holds received files. Every file is created 0600.
 */
public final class Spool {
    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
    static final String SPOOL_DIR = "spool";
    static final String DOWNLOADS_DIR = "downloads";
    /** Enough tries to find a free name for a file received many times. */
    private static final int MAX_SUFFIX = 10_000;

    private final DataDirectory dataDir;
    private final Path spool;
    private final Path downloads;

    private Spool(DataDirectory dataDir, Path spool, Path downloads) {
        this.dataDir = dataDir;
        this.spool = spool;
        this.downloads = downloads;
    }

    public static Spool open(DataDirectory dataDir) throws IOException {
        return new Spool(
                dataDir, dataDir.ensurePrivateDirectory(SPOOL_DIR), dataDir.ensurePrivateDirectory(DOWNLOADS_DIR));
    }

    /** A new, empty spool file for an outgoing transfer. */
    Path createOutgoing(String transferId) throws IOException {
        return dataDir.createPrivateFile(SPOOL_DIR + "/" + transferId + ".out");
    }

    Path partial(OnionAddress peer, String transferId) {
        return spool.resolve(partialName(peer, transferId));
    }

    /**
     * The partial file of an incoming transfer, cut back to the {@code durable} bytes we acknowledged and
     * positioned at its end. Shorter than that (lost in a crash, or removed), it continues from what it holds:
     * resuming past a hole would only fail the hash at the end.
     */
    FileChannel openPartial(OnionAddress peer, String transferId, long durable) throws IOException {
        Path part = dataDir.ensurePrivateFileExists(SPOOL_DIR + "/" + partialName(peer, transferId));
        FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE);
        try {
            long usable = Math.min(durable, channel.size());
            channel.truncate(usable);
            channel.position(usable);
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** Moves a checked partial file into downloads under {@code name}, or "name (n)" when that is taken. */
    Path saveDownload(Path part, String name) throws IOException {
        for (int n = 0; n <= MAX_SUFFIX; n++) {
            Path target = downloads.resolve(n == 0 ? name : FileNames.withSuffix(name, n));
            if (Files.exists(target)) {
                continue;
            }
            try {
                Files.createFile(target); // claims the name; the move then replaces this empty file
                Files.move(
                        part,
                        target,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                dataDir.ensurePrivateFile(target);
                return target;
            } catch (FileAlreadyExistsException e) {
                // taken between the check and the creation: try the next suffix
            }
        }
        throw new IOException("no free name for " + name + " in " + downloads);
    }

    /** Deletes spool files that belong to no live transfer (left by an interrupted upload or a crash). */
    void removeOrphans(Set<Path> live) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(spool)) {
            for (Path f : files) {
                if (!live.contains(f)) {
                    Files.deleteIfExists(f);
                    LOG.info("removed stale spool file {}", f.getFileName());
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot clean the spool {}: {}", spool, e.getMessage());
        }
    }

    static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", file, e.getMessage());
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = newSha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newSha256().digest(bytes));
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Peers choose transfer ids, so two peers may choose the same one: the name says whose it is. */
    private static String partialName(OnionAddress peer, String transferId) {
        return peer.hostname().substring(0, 16) + "-" + transferId + ".part";
    }
}
