package org.torchat.daemon.peer;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.MessageIds;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;

/** The message id and timestamp of a message from a peer, checked alike for one-shot RECV and RECV in a session. */
public final class MessageFields {
    private MessageFields() {}

    /** The sender's message id, or null when the frame has none. */
    public static String messageId(Message request) throws RequestException {
        JsonNode id = request.extension(Extensions.MESSAGE_ID).orElse(null);
        if (id == null) {
            return null;
        }
        if (!id.isTextual() || !MessageIds.isAcceptable(id.textValue())) {
            throw new RequestException(
                    "field '" + Extensions.MESSAGE_ID + "' must be 16..64 letters, digits, '-' or '_'");
        }
        return id.textValue();
    }

    /** When the sender sent the message ({@code ts}), or null when the frame has none. */
    public static Instant timestamp(Message request) throws RequestException {
        JsonNode ts = request.extension(Extensions.TIMESTAMP).orElse(null);
        if (ts == null) {
            return null;
        }
        if (!ts.isIntegralNumber() || !ts.canConvertToLong() || ts.longValue() < 0) {
            throw new RequestException("field '" + Extensions.TIMESTAMP + "' must be milliseconds since the epoch");
        }
        return Instant.ofEpochMilli(ts.longValue());
    }
}
