package org.torchat.protocol.seal;

/** A sealed value or key file cannot be opened: wrong key or passphrase, or damaged. The message is for the user. */
public class SealException extends Exception {
    public SealException(String message) {
        super(message);
    }
}
