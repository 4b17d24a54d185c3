package org.torchat.daemon.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.client.DaemonClient;

/** A contact's row as CONTACTS shows it to a client: what the session and presence tests read. */
public final class ContactRows {
    private ContactRows() {}

    /** The CONTACTS frame for {@code address}, or empty when it is not listed. */
    public static Optional<Message> row(DaemonClient client, String address) throws Exception {
        return client.contacts().stream().filter(m -> m.id().equals(address)).findFirst();
    }

    /** Its presence ({@code online}, {@code away}, {@code offline}), or {@code absent} when it is not listed. */
    public static String presence(DaemonClient client, String address) throws Exception {
        return row(client, address)
                .flatMap(m -> m.extension(Extensions.PRESENCE))
                .map(JsonNode::asText)
                .orElse("absent");
    }

    /** The id of the session with it, or empty when none is open (or it is not listed). */
    public static Optional<String> session(DaemonClient client, String address) throws Exception {
        return row(client, address)
                .flatMap(m -> m.extension(Extensions.SESSION))
                .filter(n -> !n.isNull())
                .map(JsonNode::asText);
    }
}
