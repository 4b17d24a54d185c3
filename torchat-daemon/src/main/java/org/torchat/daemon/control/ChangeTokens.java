package org.torchat.daemon.control;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.torchat.daemon.store.ChangeSignal;
import org.torchat.protocol.Message;

/**
 * The named tokens of a waiting GET_PEERS (docs/PROTOCOL.md, "Waiting for messages"): each an opaque text that
 * changes whenever what it stands for changes. The reply carries every token; a request that sends back the tokens
 * it last saw is answered as soon as one of them differs. A table, so that another token is one more line where the
 * daemon builds it; all of them wake waiters through the one {@link ChangeSignal}.
 */
public final class ChangeTokens {
    private final ChangeSignal changes;
    private final Map<String, Supplier<String>> tokens = new LinkedHashMap<>();

    public ChangeTokens(ChangeSignal changes) {
        this.changes = changes;
    }

    /** A token read from the store each time (it must change only when its list does). */
    public ChangeTokens computed(String name, Supplier<String> token) {
        tokens.put(name, token);
        return this;
    }

    /** A token that changes whenever {@code topic} is signalled on the daemon's {@link ChangeSignal}. */
    public ChangeTokens counted(String name, String topic) {
        return computed(name, () -> changes.token(topic));
    }

    /** Every token as it is now, in the table's order. */
    public Map<String, String> current() {
        Map<String, String> now = new LinkedHashMap<>();
        tokens.forEach((name, token) -> now.put(name, token.get()));
        return now;
    }

    /**
     * Whether a token that {@code request} carries (as a string) differs from its value now. Only those it carries
     * are read, and a client that sends none waits for messages only.
     */
    public boolean differFrom(Message request) {
        for (Map.Entry<String, Supplier<String>> e : tokens.entrySet()) {
            String seen = request.extension(e.getKey())
                    .filter(JsonNode::isTextual)
                    .map(JsonNode::textValue)
                    .orElse(null);
            if (seen != null && !seen.equals(e.getValue().get())) {
                return true;
            }
        }
        return false;
    }
}
