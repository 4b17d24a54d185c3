package org.torchat.daemon.control;

import java.time.Clock;
import java.util.function.Consumer;
import org.torchat.daemon.net.Arguments;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Contact;
import org.torchat.daemon.store.ContactException;
import org.torchat.daemon.store.Contacts;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/** ACCEPT (a stranger's address in {@code id}, nickname or empty in {@code msg}): its request becomes a contact. */
public final class AcceptHandler extends ContactChangeHandler {
    private final Contacts contacts;
    private final Clock clock;

    public AcceptHandler(Contacts contacts, Clock clock, Consumer<OnionAddress> changed) {
        super(changed);
        this.contacts = contacts;
        this.clock = clock;
    }

    @Override
    protected OnionAddress peer(Message request) throws RequestException {
        return Arguments.onion(request.id(), "id");
    }

    @Override
    protected Contact change(OnionAddress peer, Message request) throws ContactException, RequestException {
        return contacts.accept(peer, ContactReplies.nickname(request.msg()), clock.instant());
    }
}
