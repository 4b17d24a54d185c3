package org.torchat.daemon.tor;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two hashes of tor's SAFECOOKIE authentication (control-spec 3.24, AUTHCHALLENGE): each is
 * HMAC-SHA256 keyed with a fixed string over {@code cookie | client nonce | server nonce}. Tor proves it knows the
 * cookie with the server hash before we prove it with the client hash, so a control port that is not the tor owning
 * the cookie learns neither the cookie nor anything we would send after authenticating.
 */
final class SafeCookie {
    static final String SERVER_TO_CONTROLLER = "Tor safe cookie authentication server-to-controller hash";
    static final String CONTROLLER_TO_SERVER = "Tor safe cookie authentication controller-to-server hash";
    static final int NONCE_LENGTH = 32;

    private SafeCookie() {}

    /** What tor must send as {@code SERVERHASH}. */
    static byte[] serverHash(byte[] cookie, byte[] clientNonce, byte[] serverNonce) {
        return hmac(SERVER_TO_CONTROLLER, cookie, clientNonce, serverNonce);
    }

    /** What we send with {@code AUTHENTICATE}, once the server hash matched. */
    static byte[] clientHash(byte[] cookie, byte[] clientNonce, byte[] serverNonce) {
        return hmac(CONTROLLER_TO_SERVER, cookie, clientNonce, serverNonce);
    }

    /** Compares in constant time: the comparison must not tell a fake how much of its guess was right. */
    static boolean serverProved(byte[] claimed, byte[] cookie, byte[] clientNonce, byte[] serverNonce) {
        return MessageDigest.isEqual(claimed, serverHash(cookie, clientNonce, serverNonce));
    }

    private static byte[] hmac(String key, byte[] cookie, byte[] clientNonce, byte[] serverNonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            mac.update(cookie);
            mac.update(clientNonce);
            mac.update(serverNonce);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
