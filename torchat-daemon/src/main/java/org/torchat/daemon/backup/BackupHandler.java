package org.torchat.daemon.backup;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torchat.daemon.identity.IdentityStore;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.Replies;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.DataDirectory;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.backup.BackupBundle;

/**
 * BACKUP (docs/BACKUP.md): the identity key, torchat.conf (if the data directory has one) and a consistent snapshot
 * of the store, as one bundle streamed to the client, which encrypts it and writes the file on its own machine: the
 * client may be attached from elsewhere through SSH, where the user wants the file, and the passphrase never
 * travels. The snapshot waits in the data directory (mode 0600) only while it is being sent.
 */
public final class BackupHandler implements CommandHandler {
    private static final Logger LOG = LoggerFactory.getLogger(BackupHandler.class);
    private static final String SNAPSHOT_PREFIX = ".backup-";
    private static final String SNAPSHOT_SUFFIX = ".db";

    private final DataDirectory dataDir;
    private final Optional<Path> store;

    /** {@code store}: the store's file; empty for an ephemeral daemon, which keeps nothing to back up. */
    public BackupHandler(DataDirectory dataDir, Optional<Path> store) throws IOException {
        this.dataDir = dataDir;
        this.store = store;
        removeLeftovers();
    }

    @Override
    public void handle(Message request, ReplySink replies) throws RequestException, IOException {
        Path storeFile = store.orElseThrow(() ->
                new RequestException("this daemon is ephemeral (--ephemeral): it keeps no message store to back up"));
        String name = SNAPSHOT_PREFIX + UUID.randomUUID() + SNAPSHOT_SUFFIX;
        Path snapshot = dataDir.createPrivateFile(name);
        try {
            long started = System.nanoTime();
            StoreSnapshot.write(storeFile, snapshot);
            ChunkedReplies chunks = new ChunkedReplies(replies, request.id(), request.portno());
            MessageDigest sha256 = sha256();
            writeBundle(new DigestOutputStream(chunks, sha256), snapshot);
            chunks.flush();
            LOG.info(
                    "backup: {} bytes sent to a client in {} ms",
                    chunks.bytesSent(),
                    (System.nanoTime() - started) / 1_000_000);
            JsonNodeFactory nodes = JsonNodeFactory.instance;
            replies.send(Replies.end(request.id(), request.portno(), "backup complete")
                    .withExtension(Extensions.SIZE, nodes.numberNode(chunks.bytesSent()))
                    .withExtension(
                            Extensions.SHA256, nodes.textNode(HexFormat.of().formatHex(sha256.digest()))));
        } finally {
            Files.deleteIfExists(snapshot);
        }
    }

    private void writeBundle(OutputStream out, Path snapshot) throws IOException {
        BackupBundle.Writer bundle = new BackupBundle.Writer(out);
        entry(bundle, BackupBundle.IDENTITY, dataDir.resolve(IdentityStore.FILE_NAME));
        Path config = dataDir.resolve(BackupBundle.CONFIG);
        if (Files.isRegularFile(config)) {
            entry(bundle, BackupBundle.CONFIG, config);
        }
        Path sealKey = dataDir.resolve(BackupBundle.SEAL_KEY);
        if (Files.isRegularFile(sealKey)) {
            entry(bundle, BackupBundle.SEAL_KEY, sealKey);
        }
        entry(bundle, BackupBundle.STORE, snapshot);
        bundle.finish();
    }

    private static void entry(BackupBundle.Writer bundle, String name, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            bundle.entry(name, Files.size(file), in);
        }
    }

    /** A snapshot a crash left behind holds the whole history: it must not stay. */
    private void removeLeftovers() throws IOException {
        try (DirectoryStream<Path> old =
                Files.newDirectoryStream(dataDir.root(), SNAPSHOT_PREFIX + "*" + SNAPSHOT_SUFFIX)) {
            for (Path p : old) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
