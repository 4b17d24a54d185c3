package org.torchat.tui;

/** The command line asks for something invalid (a bad onion address, a port out of range, ...). */
public final class UsageException extends TorchatException {
    public UsageException(String message) {
        super(message);
    }
}
