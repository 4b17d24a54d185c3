package org.torchat.daemon.delivery;

/** A message could not be handed to the peer; the message says why, for the user. */
public final class DeliveryException extends Exception {
    public DeliveryException(String message) {
        super(message);
    }

    public DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
