package org.torchat.daemon;

/** Why torchatd stops before it runs; each kind carries its exit code, mapped in one place: {@link #exitCode()}. */
public abstract sealed class TorchatdException extends Exception
        permits StartupException, UsageException, RestoreException {
    protected TorchatdException(String message) {
        super(message);
    }

    protected TorchatdException(String message, Throwable cause) {
        super(message, cause);
    }

    public abstract int exitCode();
}
