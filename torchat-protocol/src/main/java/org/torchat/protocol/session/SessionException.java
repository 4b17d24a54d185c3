package org.torchat.protocol.session;

/** A session handshake or frame that must not be accepted; the message says why, for the log and the ERR. */
public final class SessionException extends Exception {
    public SessionException(String message) {
        super(message);
    }
}
