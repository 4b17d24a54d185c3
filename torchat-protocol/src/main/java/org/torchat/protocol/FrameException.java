package org.torchat.protocol;

/** A frame that could not be read or written; {@link #error()} says which rule it broke. */
public final class FrameException extends ProtocolException {
    /** The ways a frame can be wrong. */
    public enum Error {
        BAD_HEADER,
        EMPTY,
        OVERSIZE,
        TRUNCATED,
        INVALID_UTF8,
        TIMEOUT
    }

    private final Error error;

    public FrameException(Error error, String message) {
        super(message);
        this.error = error;
    }

    public Error error() {
        return error;
    }
}
