package org.torchat.protocol.signature;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The unambiguous byte encoding signatures are made over: integers big-endian, every string as a 4-byte length
 * followed by its UTF-8 bytes. Shared by message and file-frame signatures and by the session transcript, which differ in their label.
 */
public final class CanonicalEncoding {
    private final ByteArrayOutputStream out;

    public CanonicalEncoding(int expectedSize) {
        this.out = new ByteArrayOutputStream(expectedSize);
    }

    /** @throws IllegalArgumentException if {@code value} is not valid Unicode (a lone surrogate) */
    public CanonicalEncoding putString(String value, String what) {
        byte[] bytes = utf8(value, what);
        putInt(bytes.length);
        out.writeBytes(bytes);
        return this;
    }

    public CanonicalEncoding putInt(int value) {
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(value).array());
        return this;
    }

    public CanonicalEncoding putLong(long value) {
        out.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
        return this;
    }

    /** Bytes of a fixed size, written as they are (no length: the reader knows it). */
    public CanonicalEncoding putFixed(byte[] value) {
        out.writeBytes(value);
        return this;
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    /** Strict UTF-8: String.getBytes would silently turn a lone surrogate into '?', making two texts sign alike. */
    private static byte[] utf8(String value, String what) {
        CharsetEncoder encoder = StandardCharsets.UTF_8
                .newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer buffer = encoder.encode(CharBuffer.wrap(value));
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the " + what + " is not valid Unicode text (it has a lone surrogate)");
        }
    }
}
