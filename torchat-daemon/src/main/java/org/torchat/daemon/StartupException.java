package org.torchat.daemon;

/** The daemon cannot start; the message is the one line the user sees. Exit code 1. */
public final class StartupException extends TorchatdException {
    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return 1;
    }
}
