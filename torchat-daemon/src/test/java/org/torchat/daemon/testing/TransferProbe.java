package org.torchat.daemon.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.client.DaemonClient;

/** TRANSFERS as tests look at it: one transfer's frame, waiting until it reaches a state. */
public final class TransferProbe {
    private TransferProbe() {}

    public static Optional<Message> find(DaemonClient client, String transferId) throws Exception {
        List<Message> all = client.transfers();
        return all.stream()
                .filter(m -> transferId.equals(field(m, Extensions.TRANSFER_ID)))
                .findFirst();
    }

    /** Waits until transfer {@code transferId} is listed in {@code state}; returns its frame. */
    public static Message await(DaemonClient client, String transferId, String state, Duration timeout)
            throws Exception {
        return Await.until(
                () -> find(client, transferId).orElse(null),
                m -> m != null && state.equals(field(m, Extensions.STATE)),
                timeout);
    }

    public static String field(Message m, String name) {
        return m.extension(name).map(JsonNode::asText).orElse(null);
    }
}
