package org.torchat.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;

/**
 * How long one message's text may be. Every frame that carries a text (SEND, RECV to a peer, UPDATE and HISTORY
 * replies) adds its other fields to it and must stay within the 9999-byte frame, so the text itself is capped at
 * {@link #MAX_ENCODED_BYTES} as it appears in JSON (UTF-8, with escapes such as {@code \n} counted).
 */
public final class TextLimits {
    public static final int MAX_ENCODED_BYTES = 9000;

    private TextLimits() {}

    /** The bytes {@code text} takes inside a JSON string. */
    public static int encodedBytes(String text) {
        try {
            return Json.MAPPER.writeValueAsString(text).getBytes(StandardCharsets.UTF_8).length - 2;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string always serialises", e);
        }
    }

    public static boolean fits(String text) {
        return encodedBytes(text) <= MAX_ENCODED_BYTES;
    }
}
