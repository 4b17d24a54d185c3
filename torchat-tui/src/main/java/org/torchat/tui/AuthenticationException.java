package org.torchat.tui;

/**
 * The daemon wants its control token and got none, or refused the one we sent (a control port beyond
 * loopback, or {@code requiretoken}). The message says where the token comes from; it never shows the token.
 */
public final class AuthenticationException extends TorchatException {
    public AuthenticationException(String message) {
        super(message);
    }
}
