package org.torchat.daemon.store;

/** The store failed (disk full, database damaged...). Unchecked: no caller can do more than report it. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
