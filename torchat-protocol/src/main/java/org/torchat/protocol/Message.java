package org.torchat.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One protocol message: the seed's five fields plus any additive extension fields, kept as JSON so an old
 * peer's unknown fields pass through untouched. {@code date} is null when absent.
 */
public record Message(Command cmd, String id, int portno, String msg, String date, Map<String, JsonNode> extensions) {
    /** The seed's field names; an extension may not reuse them. */
    public static final Set<String> CORE_FIELDS = Set.of("cmd", "id", "portno", "msg", "date");

    public Message {
        Objects.requireNonNull(cmd, "cmd");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(msg, "msg");
        TreeMap<String, JsonNode> sorted = new TreeMap<>(extensions == null ? Map.of() : extensions);
        for (String key : sorted.keySet()) {
            if (CORE_FIELDS.contains(key)) {
                throw new IllegalArgumentException("extension field clashes with core field: " + key);
            }
        }
        extensions = Collections.unmodifiableMap(sorted);
    }

    public static Message of(Command cmd, String id, int portno, String msg) {
        return new Message(cmd, id, portno, msg, null, Map.of());
    }

    public Message withDate(String newDate) {
        return new Message(cmd, id, portno, msg, newDate, extensions);
    }

    public Message withExtension(String name, JsonNode value) {
        TreeMap<String, JsonNode> more = new TreeMap<>(extensions);
        more.put(name, value);
        return new Message(cmd, id, portno, msg, date, more);
    }

    public Optional<JsonNode> extension(String name) {
        return Optional.ofNullable(extensions.get(name));
    }

    public Optional<String> dateIfPresent() {
        return Optional.ofNullable(date);
    }
}
