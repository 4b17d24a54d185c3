package org.torchat.daemon;

/** The command line or torchat.conf asks for something invalid. Exit code 2, as for picocli's usage errors. */
public final class UsageException extends TorchatdException {
    public UsageException(String message) {
        super(message);
    }

    @Override
    public int exitCode() {
        return 2;
    }
}
