package org.torchat.daemon.control;

import java.util.function.Consumer;
import org.torchat.daemon.store.Contact;
import org.torchat.daemon.store.ContactException;
import org.torchat.daemon.store.Contacts;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/** UNBLOCK (address or nickname in {@code id}): its messages are accepted again (earlier ones stay dropped). */
public final class UnblockHandler extends NamedPeerHandler {
    private final Contacts contacts;

    public UnblockHandler(Contacts contacts, PeerResolver peers, Consumer<OnionAddress> changed) {
        super(peers, changed);
        this.contacts = contacts;
    }

    @Override
    protected Contact change(OnionAddress peer, Message request) throws ContactException {
        return contacts.unblock(peer);
    }
}
