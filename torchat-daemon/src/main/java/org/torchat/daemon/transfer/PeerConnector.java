package org.torchat.daemon.transfer;

import java.net.Socket;
import org.torchat.daemon.delivery.DeliveryException;
import org.torchat.protocol.onion.OnionAddress;

/** Opens a connection to a peer's daemon: through Tor's SOCKS port in the daemon ({@code SocksDelivery::open}). */
@FunctionalInterface
public interface PeerConnector {
    Socket open(OnionAddress peer, int port) throws DeliveryException;
}
