package org.torchat.daemon.net;

/** A request that is well-formed but cannot be carried out; the message becomes the ERR reply. */
public final class RequestException extends Exception {
    public RequestException(String message) {
        super(message);
    }
}
