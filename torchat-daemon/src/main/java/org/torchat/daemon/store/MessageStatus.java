package org.torchat.daemon.store;

import java.util.Locale;

/**
 * Where a message stands. Incoming messages are RECEIVED. Outgoing ones are QUEUED until a delivery attempt
 * succeeds: DELIVERED when the peer's daemon acknowledged storing it, SENT when it was written to a peer that
 * never acknowledges (the original C daemon), FAILED when retrying gave up.
 */
public enum MessageStatus {
    RECEIVED,
    QUEUED,
    SENT,
    DELIVERED,
    FAILED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static MessageStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
