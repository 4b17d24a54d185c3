package org.torchat.daemon.control;

import java.util.function.Consumer;
import org.torchat.daemon.store.Contact;
import org.torchat.daemon.store.ContactException;
import org.torchat.daemon.store.Contacts;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/** REMOVE_CONTACT (address or nickname in {@code id}): no longer a contact, nickname gone; the history stays. */
public final class RemoveContactHandler extends NamedPeerHandler {
    private final Contacts contacts;

    public RemoveContactHandler(Contacts contacts, PeerResolver peers, Consumer<OnionAddress> changed) {
        super(peers, changed);
        this.contacts = contacts;
    }

    @Override
    protected Contact change(OnionAddress peer, Message request) throws ContactException {
        return contacts.remove(peer);
    }
}
