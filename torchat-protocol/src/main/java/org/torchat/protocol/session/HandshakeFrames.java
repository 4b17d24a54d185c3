package org.torchat.protocol.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Base64;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;

/** Reading and writing the fields of the four SESSION frames. */
final class HandshakeFrames {
    static final String HELLO = "hello";
    static final String CHALLENGE = "challenge";
    static final String PROOF = "proof";
    static final String READY = "ready";

    private HandshakeFrames() {}

    static Message frame(String step, String sender, int portno) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return Message.of(Command.SESSION, sender, portno, "")
                .withExtension(Extensions.STEP, nodes.textNode(step))
                .withExtension(Extensions.PROTO, nodes.numberNode(Extensions.PROTOCOL_VERSION));
    }

    static Message withBytes(Message frame, String field, byte[] value) {
        return frame.withExtension(
                field, JsonNodeFactory.instance.textNode(Base64.getEncoder().encodeToString(value)));
    }

    /** Checks that {@code frame} is the SESSION frame of {@code step}. */
    static void expectStep(Message frame, String step) throws SessionException {
        if (frame.cmd() == Command.ERR) {
            throw new SessionException("the peer refused the session: " + frame.msg());
        }
        String actual = frame.extension(Extensions.STEP)
                .filter(JsonNode::isTextual)
                .map(JsonNode::textValue)
                .orElse("");
        if (frame.cmd() != Command.SESSION || !actual.equals(step)) {
            throw new SessionException("expected SESSION " + step + ", got " + frame.cmd()
                    + (actual.isEmpty() ? "" : " " + abbreviate(actual)));
        }
    }

    /** The base64 field {@code name}, which must hold exactly {@code length} bytes in canonical form. */
    static byte[] bytes(Message frame, String name, int length) throws SessionException {
        JsonNode node = frame.extension(name).orElse(null);
        if (node == null || !node.isTextual()) {
            throw new SessionException("SESSION needs '" + name + "' (base64 of " + length + " bytes)");
        }
        byte[] value;
        try {
            value = Base64.getDecoder().decode(node.textValue());
        } catch (IllegalArgumentException e) {
            throw new SessionException("'" + name + "' is not base64");
        }
        if (value.length != length || !Base64.getEncoder().encodeToString(value).equals(node.textValue())) {
            throw new SessionException("'" + name + "' must be the canonical base64 of " + length + " bytes");
        }
        return value;
    }

    private static String abbreviate(String text) {
        return text.length() <= 20 ? text : text.substring(0, 20) + "…";
    }
}
