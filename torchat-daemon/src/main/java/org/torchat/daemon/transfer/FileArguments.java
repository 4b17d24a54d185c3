package org.torchat.daemon.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import org.torchat.daemon.net.RequestException;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.FileChunks;
import org.torchat.protocol.Message;
import org.torchat.protocol.TextLimits;
import org.torchat.protocol.signature.MessageSignatures;

/** Checks of file-transfer fields, shared by the client and peer sides; each failure names the field. */
final class FileArguments {
    /** An offered name must leave room in the FILEBEGIN frame for everything else. */
    static final int MAX_NAME_BYTES = 2048;

    private FileArguments() {}

    static String transferId(Message m) throws RequestException {
        String tid = text(m, Extensions.TRANSFER_ID);
        if (!FileChunks.isTransferId(tid)) {
            throw new RequestException("field '" + Extensions.TRANSFER_ID + "' must be 32 lowercase hex digits");
        }
        return tid;
    }

    static String sha256(Message m) throws RequestException {
        String sha = text(m, Extensions.SHA256);
        if (!FileChunks.isSha256(sha)) {
            throw new RequestException("field '" + Extensions.SHA256 + "' must be 64 lowercase hex digits");
        }
        return sha;
    }

    /** A byte count or position: a whole number, not negative. */
    static long bytes(Message m, String field) throws RequestException {
        JsonNode node = m.extension(field).orElse(null);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
            throw new RequestException("field '" + field + "' must be a whole number of bytes, not negative");
        }
        return node.longValue();
    }

    /** The offered file name: not empty, and short enough to travel in one frame. */
    static String name(Message m) throws RequestException {
        if (m.msg().isEmpty()) {
            throw new RequestException("field 'msg' must be the file's name, got an empty string");
        }
        if (TextLimits.encodedBytes(m.msg()) > MAX_NAME_BYTES) {
            throw new RequestException("file name too long: at most " + MAX_NAME_BYTES + " bytes as JSON");
        }
        if (!wellFormed(m.msg())) {
            // JSON's backslash-u escapes can carry half a surrogate pair, which no signature (UTF-8) can encode.
            throw new RequestException("field 'msg': the file name is not valid Unicode (a lone surrogate)");
        }
        return m.msg();
    }

    private static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** A chunk's bytes: standard base64 of 1..{@link FileChunks#CHUNK_BYTES} bytes. */
    static byte[] chunk(Message m) throws RequestException {
        String data = text(m, Extensions.DATA);
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new RequestException("field '" + Extensions.DATA + "' is not base64: " + e.getMessage());
        }
        if (bytes.length == 0 || bytes.length > FileChunks.CHUNK_BYTES) {
            throw new RequestException("field '" + Extensions.DATA + "' must hold 1.." + FileChunks.CHUNK_BYTES
                    + " bytes, got " + bytes.length);
        }
        return bytes;
    }

    static byte[] signature(Message m) throws RequestException {
        String sig = text(m, Extensions.SIGNATURE);
        try {
            return MessageSignatures.fromBase64(sig);
        } catch (IllegalArgumentException e) {
            throw new RequestException("field '" + Extensions.SIGNATURE + "' must be the base64 of a "
                    + MessageSignatures.SIGNATURE_LENGTH + "-byte Ed25519 signature (" + e.getMessage() + ")");
        }
    }

    /** Peers that do not say they speak protocol 2 cannot take part in file transfer. */
    static void protocol2(Message m) throws RequestException {
        JsonNode proto = m.extension(Extensions.PROTO).orElse(null);
        if (proto == null || !proto.isIntegralNumber() || proto.intValue() < Extensions.PROTOCOL_VERSION) {
            throw new RequestException(m.cmd() + " needs protocol " + Extensions.PROTOCOL_VERSION + " ('"
                    + Extensions.PROTO + "':" + Extensions.PROTOCOL_VERSION + ")");
        }
    }

    private static String text(Message m, String field) throws RequestException {
        JsonNode node = m.extension(field).orElse(null);
        if (node == null || !node.isTextual()) {
            throw new RequestException("field '" + field + "' must be a string");
        }
        return node.textValue();
    }
}
