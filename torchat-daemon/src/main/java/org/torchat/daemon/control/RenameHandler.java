package org.torchat.daemon.control;

import java.util.function.Consumer;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Contact;
import org.torchat.daemon.store.ContactException;
import org.torchat.daemon.store.Contacts;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/** RENAME (contact's address or nickname in {@code id}, the new nickname in {@code msg}; empty removes it). */
public final class RenameHandler extends NamedPeerHandler {
    private final Contacts contacts;

    public RenameHandler(Contacts contacts, PeerResolver peers, Consumer<OnionAddress> changed) {
        super(peers, changed);
        this.contacts = contacts;
    }

    @Override
    protected Contact change(OnionAddress peer, Message request) throws ContactException, RequestException {
        return contacts.rename(peer, ContactReplies.nickname(request.msg()));
    }
}
