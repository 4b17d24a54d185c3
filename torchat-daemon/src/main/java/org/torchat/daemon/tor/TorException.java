package org.torchat.daemon.tor;

/**
 * Tor could not do what we asked. The message is one line for the user: what went wrong and what to do about it
 * (the daemon turns it into its startup error, its log line and the status clients see).
 */
public final class TorException extends Exception {
    public TorException(String message) {
        super(message);
    }

    public TorException(String message, Throwable cause) {
        super(message, cause);
    }
}
