package org.torchat.protocol;

/** Anything a peer or client sent that does not follow the wire protocol. */
public sealed class ProtocolException extends Exception permits FrameException, InvalidMessageException {
    protected ProtocolException(String message) {
        super(message);
    }

    protected ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
