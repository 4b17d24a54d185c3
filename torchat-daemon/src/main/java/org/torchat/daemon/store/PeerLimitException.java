package org.torchat.daemon.store;

/** A peer has reached its cap of unread messages or bytes; nothing more is stored until the user reads. */
public final class PeerLimitException extends Exception {
    public PeerLimitException(String message) {
        super(message);
    }
}
