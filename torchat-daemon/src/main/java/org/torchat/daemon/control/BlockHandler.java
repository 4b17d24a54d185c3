package org.torchat.daemon.control;

import java.time.Clock;
import java.util.function.Consumer;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Contact;
import org.torchat.daemon.store.ContactException;
import org.torchat.daemon.store.Contacts;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/** BLOCK (address or nickname in {@code id}): its messages are dropped before storage and counted; any address may be blocked. */
public final class BlockHandler extends NamedPeerHandler {
    private final Contacts contacts;
    private final OnionAddress self;
    private final Clock clock;

    public BlockHandler(
            Contacts contacts, PeerResolver peers, OnionAddress self, Clock clock, Consumer<OnionAddress> changed) {
        super(peers, changed);
        this.contacts = contacts;
        this.self = self;
        this.clock = clock;
    }

    @Override
    protected Contact change(OnionAddress peer, Message request) throws ContactException, RequestException {
        return contacts.block(ContactReplies.notSelf(peer, self), clock.instant());
    }
}
