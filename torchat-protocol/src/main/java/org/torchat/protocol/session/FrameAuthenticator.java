package org.torchat.protocol.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.MessageCodec;
import org.torchat.protocol.crypto.Hkdf;

/**
 * Authenticates the frames of one session: each carries {@code mac}, the HMAC-SHA256 under the direction's key of
 * {@code "torchat-session-frame"}, the frame's number in its direction (8 bytes, big-endian, from 0) and the frame's
 * canonical JSON without {@code mac} (as {@link MessageCodec#encode} writes it). The number is implicit, so a frame
 * dropped, repeated, reordered or moved to the other direction fails. Not thread-safe: one writer and one reader
 * per session, each under its own lock.
 */
public final class FrameAuthenticator {
    private static final byte[] LABEL = "torchat-session-frame".getBytes(StandardCharsets.US_ASCII);
    static final int MAC_LENGTH = 32;

    private final byte[] sendKey;
    private final byte[] receiveKey;
    private long sent;
    private long received;

    FrameAuthenticator(byte[] sendKey, byte[] receiveKey) {
        this.sendKey = sendKey;
        this.receiveKey = receiveKey;
    }

    /** {@code frame} with its {@code mac}: the next frame this side sends. */
    public synchronized Message seal(Message frame) {
        Message bare = withoutMac(frame);
        byte[] mac = mac(sendKey, sent++, bare);
        return bare.withExtension(
                Extensions.MAC,
                JsonNodeFactory.instance.textNode(Base64.getEncoder().encodeToString(mac)));
    }

    /** {@code frame} without its {@code mac}, if the mac is right for the next frame from the other side. */
    public synchronized Message open(Message frame) throws SessionException {
        JsonNode field = frame.extension(Extensions.MAC)
                .orElseThrow(
                        () -> new SessionException("a frame inside a session must carry '" + Extensions.MAC + "'"));
        byte[] claimed;
        try {
            claimed = field.isTextual() ? Base64.getDecoder().decode(field.textValue()) : new byte[0];
        } catch (IllegalArgumentException e) {
            claimed = new byte[0];
        }
        Message bare = withoutMac(frame);
        byte[] expected = mac(receiveKey, received, bare);
        if (!MessageDigest.isEqual(expected, claimed)) {
            throw new SessionException("frame " + received + " of the session has a wrong '" + Extensions.MAC
                    + "' (altered, replayed, out of order or not from the other end)");
        }
        received++;
        return bare;
    }

    private static byte[] mac(byte[] key, long number, Message bare) {
        byte[] json = MessageCodec.encode(bare).getBytes(StandardCharsets.UTF_8);
        ByteBuffer input = ByteBuffer.allocate(LABEL.length + Long.BYTES + json.length);
        input.put(LABEL).putLong(number).put(json);
        return Hkdf.hmac(key, input.array());
    }

    private static Message withoutMac(Message frame) {
        if (!frame.extensions().containsKey(Extensions.MAC)) {
            return frame;
        }
        Map<String, JsonNode> rest = new LinkedHashMap<>(frame.extensions());
        rest.remove(Extensions.MAC);
        return new Message(frame.cmd(), frame.id(), frame.portno(), frame.msg(), frame.date(), rest);
    }
}
