package org.torchat.daemon.control;

import java.io.IOException;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Contacts;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/** UNBLOCK (address or nickname in {@code id}): its messages are accepted again (earlier ones stay dropped). */
public final class UnblockHandler implements CommandHandler {
    private final Contacts contacts;
    private final PeerResolver peers;

    public UnblockHandler(Contacts contacts, PeerResolver peers) {
        this.contacts = contacts;
        this.peers = peers;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws RequestException, IOException {
        OnionAddress peer = peers.resolve(request.id(), "id");
        ContactReplies.change(() -> contacts.unblock(peer), request.portno(), replies);
    }
}
