package org.torchat.daemon;

/**
 * {@code torchatd --restore} could not make a data directory from the backup (wrong passphrase, damaged or truncated
 * file, target in the way); nothing was left behind. Exit code 1.
 */
public final class RestoreException extends TorchatdException {
    public RestoreException(String message) {
        super(message);
    }

    public RestoreException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return 1;
    }
}
