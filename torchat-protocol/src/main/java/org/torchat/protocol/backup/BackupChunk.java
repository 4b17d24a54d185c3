package org.torchat.protocol.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Base64;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.FileChunks;
import org.torchat.protocol.InvalidMessageException;
import org.torchat.protocol.Message;

/**
 * One BACKUP frame from the daemon: {@code data} (base64) are the bundle's bytes from {@code offset} on. Chunks are
 * as large as file transfer's ({@link FileChunks#CHUNK_BYTES}), which keeps a frame inside the 9999-byte limit.
 */
public record BackupChunk(long offset, byte[] data) {
    public static final int MAX_BYTES = FileChunks.CHUNK_BYTES;

    public Message toMessage(String id, int portno) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return Message.of(Command.BACKUP, id, portno, "")
                .withExtension(Extensions.OFFSET, nodes.numberNode(offset))
                .withExtension(
                        Extensions.DATA, nodes.textNode(Base64.getEncoder().encodeToString(data)));
    }

    public static BackupChunk from(Message frame) throws InvalidMessageException {
        JsonNode offset = frame.extension(Extensions.OFFSET).orElse(null);
        JsonNode data = frame.extension(Extensions.DATA).orElse(null);
        if (frame.cmd() != Command.BACKUP
                || offset == null
                || !offset.canConvertToLong()
                || offset.longValue() < 0
                || data == null
                || !data.isTextual()) {
            throw new InvalidMessageException(Extensions.DATA, "not a BACKUP chunk: " + frame.cmd());
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(data.textValue());
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException(Extensions.DATA, "BACKUP chunk: 'data' is not base64");
        }
        if (bytes.length == 0 || bytes.length > MAX_BYTES) {
            throw new InvalidMessageException(Extensions.DATA, "BACKUP chunk of " + bytes.length + " bytes");
        }
        return new BackupChunk(offset.longValue(), bytes);
    }
}
