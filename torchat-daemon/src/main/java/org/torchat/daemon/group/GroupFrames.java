package org.torchat.daemon.group;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.torchat.daemon.net.Arguments;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.peer.MessageFields;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.group.GroupIds;
import org.torchat.protocol.group.GroupMessageFields;
import org.torchat.protocol.group.GroupNames;
import org.torchat.protocol.group.RosterFields;
import org.torchat.protocol.onion.InvalidOnionAddressException;
import org.torchat.protocol.onion.OnionAddress;
import org.torchat.protocol.session.SessionException;
import org.torchat.protocol.signature.MessageSignatures;

/**
 * The group frames inside a session (docs/PROTOCOL.md, "Groups"): built here, and read here with every field
 * checked. A malformed frame is a {@link SessionException}: the session ends, since a daemon that speaks groups
 * never sends one.
 */
public final class GroupFrames {
    /** Members a roster on the wire may list, and authors a vector may name: above any groupmaxmembers. */
    public static final int MAX_WIRE_MEMBERS = org.torchat.daemon.config.Settings.GROUP_MEMBERS_LIMIT;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int PORT = 80;

    private GroupFrames() {}

    /** A roster with its creator's signature. */
    public record SignedRoster(RosterFields fields, byte[] signature) {}

    /** A group message with its author's signature. */
    public record SignedMessage(GroupMessageFields fields, byte[] signature) {}

    /**
     * What a member holds of a group: the roster's version, and per author the highest sequence number; a
     * {@code delta} names only the authors that moved since the sender's last GROUP_HAVE on this session.
     */
    public record Have(String groupId, long version, Map<OnionAddress, Long> vector, boolean delta) {}

    /** GROUP_INVITE (creator to invitee) or GROUP_ROSTER (any member to any member). */
    public static Message roster(Command cmd, OnionAddress self, RosterFields r, byte[] signature) {
        ArrayNode members = NODES.arrayNode();
        r.members().forEach(m -> members.add(m.hostname()));
        return Message.of(cmd, self.hostname(), PORT, r.name())
                .withExtension(Extensions.GROUP, NODES.textNode(r.groupId()))
                .withExtension(Extensions.CREATOR, NODES.textNode(r.creator().hostname()))
                .withExtension(Extensions.VERSION, NODES.numberNode(r.version()))
                .withExtension(Extensions.ROSTER, members)
                .withExtension(Extensions.ROSTER_SIGNATURE, NODES.textNode(MessageSignatures.toBase64(signature)));
    }

    /** GROUP_JOIN, GROUP_DECLINE or GROUP_LEAVE: a member's answer to the creator. */
    public static Message answer(Command cmd, OnionAddress self, String groupId) {
        return Message.of(cmd, self.hostname(), PORT, "").withExtension(Extensions.GROUP, NODES.textNode(groupId));
    }

    static Message have(
            OnionAddress self, String groupId, long version, Map<OnionAddress, Long> vector, boolean delta) {
        ObjectNode v = NODES.objectNode();
        vector.forEach((author, seq) -> v.put(author.hostname(), seq));
        Message have = Message.of(Command.GROUP_HAVE, self.hostname(), PORT, "")
                .withExtension(Extensions.GROUP, NODES.textNode(groupId))
                .withExtension(Extensions.VERSION, NODES.numberNode(version))
                .withExtension(Extensions.VECTOR, v);
        return delta ? have.withExtension(Extensions.DELTA, NODES.booleanNode(true)) : have;
    }

    public static Message message(OnionAddress self, GroupMessageFields m, byte[] signature) {
        return Message.of(Command.GROUP_MSG, self.hostname(), PORT, m.text())
                .withExtension(Extensions.GROUP, NODES.textNode(m.groupId()))
                .withExtension(Extensions.AUTHOR, NODES.textNode(m.author().hostname()))
                .withExtension(Extensions.SEQUENCE, NODES.numberNode(m.seq()))
                .withExtension(Extensions.MESSAGE_ID, NODES.textNode(m.messageId()))
                .withExtension(Extensions.TIMESTAMP, NODES.numberNode(m.timestamp()))
                .withExtension(Extensions.SIGNATURE, NODES.textNode(MessageSignatures.toBase64(signature)));
    }

    static String groupId(Message frame) throws SessionException {
        String id = text(frame, Extensions.GROUP);
        if (!GroupIds.isValid(id)) {
            throw malformed(frame, "'" + Extensions.GROUP + "' must be 32 hex digits");
        }
        return id;
    }

    static SignedRoster parseRoster(Message frame) throws SessionException {
        String groupId = groupId(frame);
        Optional<String> nameProblem = GroupNames.problem(frame.msg());
        if (nameProblem.isPresent()) {
            throw malformed(frame, "the group's name: " + nameProblem.get());
        }
        JsonNode roster = field(frame, Extensions.ROSTER);
        if (!roster.isArray() || roster.size() > MAX_WIRE_MEMBERS) {
            throw malformed(
                    frame,
                    "'" + Extensions.ROSTER + "' must be an array of at most " + MAX_WIRE_MEMBERS + " addresses");
        }
        List<OnionAddress> members = new ArrayList<>(roster.size());
        for (JsonNode member : roster) {
            members.add(address(frame, member, Extensions.ROSTER));
        }
        try {
            RosterFields fields = new RosterFields(
                    groupId,
                    address(frame, field(frame, Extensions.CREATOR), Extensions.CREATOR),
                    positive(frame, Extensions.VERSION),
                    frame.msg(),
                    members);
            return new SignedRoster(fields, signature(frame, Extensions.ROSTER_SIGNATURE));
        } catch (IllegalArgumentException e) {
            throw malformed(frame, e.getMessage());
        }
    }

    static Have parseHave(Message frame) throws SessionException {
        String groupId = groupId(frame);
        long version = positive(frame, Extensions.VERSION);
        JsonNode vector = field(frame, Extensions.VECTOR);
        if (!vector.isObject() || vector.size() > MAX_WIRE_MEMBERS) {
            throw malformed(
                    frame, "'" + Extensions.VECTOR + "' must be an object of at most " + MAX_WIRE_MEMBERS + " authors");
        }
        Map<OnionAddress, Long> held = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = vector.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode seq = e.getValue();
            if (!seq.isIntegralNumber() || !seq.canConvertToLong() || seq.longValue() < 0) {
                throw malformed(frame, "a sequence number in '" + Extensions.VECTOR + "' must be a whole number >= 0");
            }
            held.put(address(frame, NODES.textNode(e.getKey()), Extensions.VECTOR), seq.longValue());
        }
        JsonNode delta = frame.extension(Extensions.DELTA).orElse(NODES.booleanNode(false));
        if (!delta.isBoolean()) {
            throw malformed(frame, "'" + Extensions.DELTA + "' must be true or false");
        }
        return new Have(groupId, version, held, delta.booleanValue());
    }

    static SignedMessage parseMessage(Message frame) throws SessionException {
        try {
            String text = Arguments.text(frame.msg(), "msg");
            String messageId = MessageFields.messageId(frame);
            java.time.Instant ts = MessageFields.timestamp(frame);
            if (messageId == null || ts == null) {
                throw malformed(frame, "it needs '" + Extensions.MESSAGE_ID + "' and '" + Extensions.TIMESTAMP + "'");
            }
            GroupMessageFields fields = new GroupMessageFields(
                    groupId(frame),
                    address(frame, field(frame, Extensions.AUTHOR), Extensions.AUTHOR),
                    positive(frame, Extensions.SEQUENCE),
                    messageId,
                    ts.toEpochMilli(),
                    text);
            return new SignedMessage(fields, signature(frame, Extensions.SIGNATURE));
        } catch (RequestException | IllegalArgumentException e) {
            throw malformed(frame, e.getMessage());
        }
    }

    private static JsonNode field(Message frame, String name) throws SessionException {
        return frame.extension(name).orElseThrow(() -> malformed(frame, "'" + name + "' is missing"));
    }

    private static String text(Message frame, String name) throws SessionException {
        JsonNode node = field(frame, name);
        if (!node.isTextual()) {
            throw malformed(frame, "'" + name + "' must be a string");
        }
        return node.textValue();
    }

    private static long positive(Message frame, String name) throws SessionException {
        JsonNode node = field(frame, name);
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 1) {
            throw malformed(frame, "'" + name + "' must be a whole number >= 1");
        }
        return node.longValue();
    }

    private static OnionAddress address(Message frame, JsonNode node, String name) throws SessionException {
        try {
            if (!node.isTextual()) {
                throw new InvalidOnionAddressException("not a string");
            }
            return OnionAddress.parse(node.textValue());
        } catch (InvalidOnionAddressException e) {
            throw malformed(frame, "'" + name + "' holds something that is not an onion address");
        }
    }

    private static byte[] signature(Message frame, String name) throws SessionException {
        try {
            return MessageSignatures.fromBase64(text(frame, name));
        } catch (IllegalArgumentException e) {
            throw malformed(frame, "'" + name + "' must be the base64 of a 64-byte signature");
        }
    }

    private static SessionException malformed(Message frame, String why) {
        return new SessionException("malformed " + frame.cmd() + ": " + why);
    }
}
