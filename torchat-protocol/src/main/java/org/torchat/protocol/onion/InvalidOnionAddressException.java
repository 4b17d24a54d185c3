package org.torchat.protocol.onion;

/** Text that is not a usable (v3) onion address; the message says why, for the user. */
public final class InvalidOnionAddressException extends Exception {
    public InvalidOnionAddressException(String message) {
        super(message);
    }
}
