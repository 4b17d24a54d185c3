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

/** ADD_CONTACT (address in {@code id}, nickname or empty in {@code msg}): a new contact, or an accepted request. */
public final class AddContactHandler extends ContactChangeHandler {
    private final Contacts contacts;
    private final OnionAddress self;
    private final Clock clock;

    public AddContactHandler(Contacts contacts, OnionAddress self, Clock clock, Consumer<OnionAddress> changed) {
        super(changed);
        this.contacts = contacts;
        this.self = self;
        this.clock = clock;
    }

    @Override
    protected OnionAddress peer(Message request) throws RequestException {
        return ContactReplies.notSelf(Arguments.onion(request.id(), "id"), self);
    }

    @Override
    protected Contact change(OnionAddress peer, Message request) throws ContactException, RequestException {
        return contacts.add(peer, ContactReplies.nickname(request.msg()), clock.instant());
    }
}
