package org.torchat.protocol;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON encoding of {@link Message}. Output is compact with keys in alphabetical order and raw UTF-8, which is
 * byte for byte what the original C daemon (nlohmann::json) emits. Input must be a JSON object with
 * {@code cmd}, {@code id}, {@code msg} (strings) and {@code portno} (an integer) present, as the seed requires;
 * {@code date} is an optional string; any other field is kept as an extension.
 */
public final class MessageCodec {
    /** Lowercase hex in control-character escapes (u001f, not u001F), as nlohmann::json writes them. */
    private static final ObjectWriter WRITER = Json.MAPPER.writer().without(JsonWriteFeature.WRITE_HEX_UPPER_CASE);

    private MessageCodec() {}

    public static String encode(Message m) {
        TreeMap<String, JsonNode> fields = new TreeMap<>(m.extensions());
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        fields.put("cmd", nodes.textNode(m.cmd().name()));
        fields.put("id", nodes.textNode(m.id()));
        fields.put("msg", nodes.textNode(m.msg()));
        fields.put("portno", nodes.numberNode(m.portno()));
        if (m.date() != null) {
            fields.put("date", nodes.textNode(m.date()));
        }
        ObjectNode object = nodes.objectNode();
        object.setAll(fields);
        try {
            return WRITER.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of text and numbers always serialises", e);
        }
    }

    public static Message decode(String json) throws InvalidMessageException {
        JsonNode root = parse(json);
        if (!root.isObject()) {
            throw new InvalidMessageException(null, "message must be a JSON object, got " + describe(root));
        }
        String cmdName = requireText(root, "cmd");
        Command cmd = Command.fromWire(cmdName)
                .orElseThrow(() -> new InvalidMessageException("cmd", "unknown command '" + abbreviate(cmdName) + "'"));
        String id = requireText(root, "id");
        int portno = requireInt(root, "portno");
        String msg = requireText(root, "msg");
        String date = optionalText(root, "date");
        return new Message(cmd, id, portno, msg, date, extensionsOf(root));
    }

    private static JsonNode parse(String json) throws InvalidMessageException {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidMessageException("payload is not valid JSON: " + jsonProblem(e), e);
        }
    }

    /**
     * What is wrong with the JSON, in our words: the parser's own messages name its classes and limits
     * ({@code StreamReadConstraints.getMaxNestingDepth()}), which a peer has no business learning.
     */
    private static String jsonProblem(JsonProcessingException e) {
        String where = where(e.getLocation());
        if (e instanceof StreamConstraintsException) {
            return "it nests too deeply or holds a value too long" + where;
        }
        if (e instanceof JsonEOFException) {
            return "it ends in the middle of a value" + where;
        }
        return "unexpected text" + where;
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getColumnNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** A peer's text echoed in an error: short, whatever it sent. */
    private static String abbreviate(String text) {
        return text.length() <= 32 ? text : text.substring(0, 29) + "...";
    }

    private static String requireText(JsonNode root, String field) throws InvalidMessageException {
        JsonNode node = root.get(field);
        if (node == null) {
            throw missing(field);
        }
        if (!node.isTextual()) {
            throw new InvalidMessageException(field, "field '" + field + "' must be a string, got " + describe(node));
        }
        return node.textValue();
    }

    private static int requireInt(JsonNode root, String field) throws InvalidMessageException {
        JsonNode node = root.get(field);
        if (node == null) {
            throw missing(field);
        }
        if (!node.isIntegralNumber()) {
            throw new InvalidMessageException(field, "field '" + field + "' must be an integer, got " + describe(node));
        }
        if (!node.canConvertToInt()) {
            throw new InvalidMessageException(field, "field '" + field + "' is out of range: " + node.asText());
        }
        return node.intValue();
    }

    private static String optionalText(JsonNode root, String field) throws InvalidMessageException {
        return root.has(field) ? requireText(root, field) : null;
    }

    private static Map<String, JsonNode> extensionsOf(JsonNode root) {
        Map<String, JsonNode> extensions = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!Message.CORE_FIELDS.contains(field.getKey())) {
                extensions.put(field.getKey(), field.getValue());
            }
        }
        return extensions;
    }

    private static InvalidMessageException missing(String field) {
        return new InvalidMessageException(field, "field '" + field + "' is missing");
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> node.getNodeType().name().toLowerCase();
        };
    }
}
