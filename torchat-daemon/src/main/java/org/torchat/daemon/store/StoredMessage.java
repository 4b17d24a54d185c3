package org.torchat.daemon.store;

import java.time.Instant;
import org.torchat.protocol.onion.OnionAddress;

/**
 * A message as the store keeps it. {@code sentAt} is when the sender sent it (for incoming messages, the
 * sender's claim, if it made one); {@code receivedAt} is when it arrived here (incoming) or when the peer
 * acknowledged it (outgoing). {@code portno} and {@code dateText} are the seed fields an outgoing RECV carries.
 * {@code verified}: an incoming message carried a valid signature by {@code peer}; always false for outgoing ones.
 */
public record StoredMessage(
        long localId,
        OnionAddress peer,
        Direction direction,
        String messageId,
        String text,
        Instant sentAt,
        Instant receivedAt,
        MessageStatus status,
        boolean unread,
        int portno,
        String dateText,
        int attempts,
        Instant nextAttemptAt,
        String lastError,
        boolean verified) {}
