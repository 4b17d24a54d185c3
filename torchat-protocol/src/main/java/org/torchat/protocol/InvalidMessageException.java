package org.torchat.protocol;

import java.util.Optional;

/** A frame whose payload is not a valid message; names the offending field when there is one. */
public final class InvalidMessageException extends ProtocolException {
    private final String field;

    public InvalidMessageException(String field, String message) {
        super(message);
        this.field = field;
    }

    public InvalidMessageException(String message, Throwable cause) {
        super(message, cause);
        this.field = null;
    }

    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
