package org.torchat.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads frames from a stream. The read deadline is the stream's business (see {@link DeadlineInputStream});
 * a timeout surfaces here as {@link FrameException.Error#TIMEOUT}.
 *
 * <p>After an OVERSIZE or INVALID_UTF8 frame the whole frame has been consumed, so the next frame on the
 * same stream can still be read. After BAD_HEADER or TRUNCATED the stream has lost its framing.
 */
public final class FrameReader {
    private final InputStream in;
    private final int maxPayload;

    public FrameReader(InputStream in) {
        this(in, Frames.MAX_PAYLOAD);
    }

    public FrameReader(InputStream in, int maxPayload) {
        if (maxPayload < 1 || maxPayload > Frames.MAX_PAYLOAD) {
            throw new IllegalArgumentException("maxPayload must be 1.." + Frames.MAX_PAYLOAD + ": " + maxPayload);
        }
        this.in = in;
        this.maxPayload = maxPayload;
    }

    /** The next frame's payload, or empty if the stream ended cleanly before a new frame began. */
    public Optional<String> read() throws IOException, FrameException {
        try {
            byte[] header = new byte[Frames.HEADER_LENGTH];
            int got = in.readNBytes(header, 0, header.length);
            if (got == 0) {
                return Optional.empty();
            }
            if (got < header.length) {
                throw new FrameException(
                        FrameException.Error.TRUNCATED,
                        "connection closed after " + got + " of " + Frames.HEADER_LENGTH + " header bytes");
            }
            int length = parseHeader(header);
            byte[] payload = readPayload(length);
            return Optional.of(decodeUtf8(payload));
        } catch (SocketTimeoutException e) {
            throw new FrameException(FrameException.Error.TIMEOUT, "no complete frame before the read deadline");
        }
    }

    private int parseHeader(byte[] header) throws FrameException {
        int length = 0;
        for (byte b : header) {
            if (b < '0' || b > '9') {
                throw new FrameException(
                        FrameException.Error.BAD_HEADER,
                        "frame header must be 4 ASCII digits, got " + printable(header));
            }
            length = length * 10 + (b - '0');
        }
        if (length == 0) {
            throw new FrameException(FrameException.Error.EMPTY, "frame length 0000: a frame cannot be empty");
        }
        return length;
    }

    private byte[] readPayload(int length) throws IOException, FrameException {
        byte[] payload = in.readNBytes(length);
        if (payload.length < length) {
            throw new FrameException(
                    FrameException.Error.TRUNCATED,
                    "connection closed after " + payload.length + " of " + length + " payload bytes");
        }
        if (length > maxPayload) {
            throw new FrameException(
                    FrameException.Error.OVERSIZE,
                    "frame of " + length + " bytes exceeds the maximum of " + maxPayload);
        }
        return payload;
    }

    private static String decodeUtf8(byte[] payload) throws FrameException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new FrameException(FrameException.Error.INVALID_UTF8, "frame payload is not valid UTF-8");
        }
    }

    private static String printable(byte[] bytes) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.append('"').toString();
    }
}
