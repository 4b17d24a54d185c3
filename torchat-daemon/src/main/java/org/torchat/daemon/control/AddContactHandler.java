package org.torchat.daemon.control;

import java.io.IOException;
import java.time.Clock;
import org.torchat.daemon.net.Arguments;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Contacts;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/** ADD_CONTACT (address in {@code id}, nickname or empty in {@code msg}): a new contact, or an accepted request. */
public final class AddContactHandler implements CommandHandler {
    private final Contacts contacts;
    private final OnionAddress self;
    private final Clock clock;

    public AddContactHandler(Contacts contacts, OnionAddress self, Clock clock) {
        this.contacts = contacts;
        this.self = self;
        this.clock = clock;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws RequestException, IOException {
        OnionAddress peer = ContactReplies.notSelf(Arguments.onion(request.id(), "id"), self);
        String nickname = ContactReplies.nickname(request.msg());
        ContactReplies.change(() -> contacts.add(peer, nickname, clock.instant()), request.portno(), replies);
    }
}
