package org.torchat.protocol.backup;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.InvalidMessageException;
import org.torchat.protocol.Message;
import org.torchat.protocol.ProtocolException;
import org.torchat.protocol.client.DaemonClient;
import org.torchat.protocol.client.DaemonErrorException;

/**
 * BACKUP from the client's side: the daemon's bundle, chunk by chunk, into {@code out} (the encrypting stream), then
 * the END's size and SHA-256 compared with what arrived, so that a connection cut short or a chunk lost never passes
 * for a backup.
 */
public final class BackupDownload {
    private BackupDownload() {}

    /** Returns the bundle's size in bytes once it all arrived intact. */
    public static long into(DaemonClient client, OutputStream out)
            throws IOException, ProtocolException, DaemonErrorException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        OutputStream digested = new DigestOutputStream(out, sha256);
        long[] received = {0};
        Message end = client.stream(Message.of(Command.BACKUP, DaemonClient.LOCALHOST, 0, ""), frame -> {
            BackupChunk chunk = BackupChunk.from(frame);
            if (chunk.offset() != received[0]) {
                throw new InvalidMessageException(
                        Extensions.OFFSET, "BACKUP chunk at offset " + chunk.offset() + ", expected " + received[0]);
            }
            digested.write(chunk.data());
            received[0] += chunk.data().length;
        });
        long size = number(end, Extensions.SIZE);
        String hash = end.extension(Extensions.SHA256).map(JsonNode::asText).orElse("");
        String actual = HexFormat.of().formatHex(sha256.digest());
        if (size != received[0] || !hash.equals(actual)) {
            throw new InvalidMessageException(
                    Extensions.SHA256,
                    "the backup arrived damaged: " + received[0] + " bytes with SHA-256 " + actual
                            + ", the daemon sent " + size + " bytes with " + hash);
        }
        return size;
    }

    private static long number(Message end, String field) throws InvalidMessageException {
        JsonNode node = end.extension(field).orElse(null);
        if (node == null || !node.canConvertToLong()) {
            throw new InvalidMessageException(field, "the daemon's END of BACKUP has no '" + field + "'");
        }
        return node.longValue();
    }
}
