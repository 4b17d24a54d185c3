package org.torchat.daemon.delivery;

import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/** Hands one frame to a peer's daemon. The only way our messages leave the machine. */
public interface Delivery {
    DeliveryOutcome deliver(OnionAddress peer, int port, Message frame) throws DeliveryException;
}
