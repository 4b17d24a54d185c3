package org.torchat.daemon.control;

import java.io.IOException;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Contacts;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/** REMOVE_CONTACT (address or nickname in {@code id}): no longer a contact, nickname gone; the history stays. */
public final class RemoveContactHandler implements CommandHandler {
    private final Contacts contacts;
    private final PeerResolver peers;

    public RemoveContactHandler(Contacts contacts, PeerResolver peers) {
        this.contacts = contacts;
        this.peers = peers;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws RequestException, IOException {
        OnionAddress peer = peers.resolve(request.id(), "id");
        ContactReplies.change(() -> contacts.remove(peer), request.portno(), replies);
    }
}
