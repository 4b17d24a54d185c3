package org.torchat.daemon.store;

import java.util.Locale;

/**
 * Where a file transfer stands (docs/STORAGE.md). Outgoing: UPLOADING while the client streams it to us, OFFERED
 * until the peer accepts (or while it cannot be reached), SENDING, then DELIVERED, or FAILED / REJECTED. Incoming:
 * OFFERED until our user (or the acceptance policy) accepts, RECEIVING, then COMPLETE, or REJECTED.
 */
public enum TransferState {
    UPLOADING,
    OFFERED,
    SENDING,
    DELIVERED,
    FAILED,
    REJECTED,
    RECEIVING,
    COMPLETE;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static TransferState fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Nothing more happens to a transfer in this state. */
    public boolean isFinal() {
        return this == DELIVERED || this == FAILED || this == REJECTED || this == COMPLETE;
    }
}
