package org.torchat.tui;

/** Anything else that stops torchat: a garbled reply from the daemon, no usable terminal, ... */
public final class ClientFailureException extends TorchatException {
    public ClientFailureException(String message) {
        super(message);
    }

    public ClientFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
