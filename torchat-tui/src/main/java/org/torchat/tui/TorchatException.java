package org.torchat.tui;

/**
 * Why a torchat command failed. The message is the one line the user sees after {@code torchat: }; the exit
 * code of each kind is decided in one place, {@link ExitCodes}.
 */
public abstract sealed class TorchatException extends Exception
        permits UsageException,
                DaemonUnreachableException,
                DaemonRefusedException,
                ClientFailureException,
                AuthenticationException {
    protected TorchatException(String message) {
        super(message);
    }

    protected TorchatException(String message, Throwable cause) {
        super(message, cause);
    }
}
