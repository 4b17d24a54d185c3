package org.torchat.daemon.store;

/** A change of the contact list that cannot be made (unknown peer, nickname taken...); the message says why. */
public final class ContactException extends Exception {
    public ContactException(String message) {
        super(message);
    }
}
