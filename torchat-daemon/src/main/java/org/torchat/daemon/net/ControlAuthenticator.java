package org.torchat.daemon.net;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;

/**
 * Decides whether a control request may run: when the daemon requires its control token (a control listener
 * bound beyond loopback, or {@code requiretoken}), the request's {@code auth} field must equal the token of
 * {@code DATA_DIR/control.cookie}. The comparison takes the same time whatever the guess: both sides are hashed
 * to 32 bytes and compared with {@link MessageDigest#isEqual}, so neither the token's content nor its length
 * leaks through timing. When the token is not required, {@code auth} is ignored.
 */
public final class ControlAuthenticator {
    /** Lets every request through: the peer listener, and a loopback control port without requiretoken. */
    public static final ControlAuthenticator OPEN = new ControlAuthenticator(null);

    /** The ERR of a request without a token. It names no path: whoever asks may not know our user's home. */
    public static final String MISSING = Extensions.AUTH_REQUIRED
            + ": send the control token from DATA_DIR/control.cookie in the '" + Extensions.AUTH + "' field";

    private final byte[] tokenDigest;

    private ControlAuthenticator(byte[] tokenDigest) {
        this.tokenDigest = tokenDigest;
    }

    /** Requires {@code token} (the cookie's text) in every request. */
    public static ControlAuthenticator requiring(String token) {
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("a required control token cannot be empty");
        }
        return new ControlAuthenticator(digest(token));
    }

    public boolean required() {
        return tokenDigest != null;
    }

    /** Returns normally if {@code request} may run; otherwise the ERR text, and no handler may run. */
    public void check(Message request) throws RequestException {
        if (tokenDigest == null) {
            return;
        }
        var auth = request.extension(Extensions.AUTH);
        if (auth.isEmpty() || auth.get().isNull()) {
            throw new RequestException(MISSING);
        }
        if (!auth.get().isTextual()) {
            throw new RequestException(Extensions.AUTH_WRONG + " (field '" + Extensions.AUTH + "' must be a string)");
        }
        if (!MessageDigest.isEqual(digest(auth.get().textValue()), tokenDigest)) {
            throw new RequestException(Extensions.AUTH_WRONG);
        }
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
