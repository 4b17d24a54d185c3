package org.torchat.protocol.signature;

import java.util.Objects;
import org.torchat.protocol.onion.OnionAddress;

/**
 * What a message signature covers: who sent the message to whom, its id, when it was sent (milliseconds since the
 * epoch) and its text. Everything else in a RECV frame ({@code date}, {@code portno}, {@code proto}) is not signed.
 */
public record SignedFields(OnionAddress sender, OnionAddress recipient, String messageId, long timestamp, String text) {
    public SignedFields {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(text, "text");
    }
}
