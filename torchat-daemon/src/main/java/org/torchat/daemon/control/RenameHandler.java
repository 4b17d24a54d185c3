package org.torchat.daemon.control;

import java.io.IOException;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Contacts;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/** RENAME (contact's address or nickname in {@code id}, the new nickname in {@code msg}; empty removes it). */
public final class RenameHandler implements CommandHandler {
    private final Contacts contacts;
    private final PeerResolver peers;

    public RenameHandler(Contacts contacts, PeerResolver peers) {
        this.contacts = contacts;
        this.peers = peers;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws RequestException, IOException {
        OnionAddress peer = peers.resolve(request.id(), "id");
        String nickname = ContactReplies.nickname(request.msg());
        ContactReplies.change(() -> contacts.rename(peer, nickname), request.portno(), replies);
    }
}
