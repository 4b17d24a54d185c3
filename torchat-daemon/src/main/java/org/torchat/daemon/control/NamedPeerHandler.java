package org.torchat.daemon.control;

import java.util.function.Consumer;
import org.torchat.daemon.net.RequestException;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/** A contact change whose peer in {@code id} may also be given by its nickname. */
abstract class NamedPeerHandler extends ContactChangeHandler {
    private final PeerResolver peers;

    NamedPeerHandler(PeerResolver peers, Consumer<OnionAddress> changed) {
        super(changed);
        this.peers = peers;
    }

    @Override
    protected OnionAddress peer(Message request) throws RequestException {
        return peers.resolve(request.id(), "id");
    }
}
