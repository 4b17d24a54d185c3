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

/** ACCEPT (a stranger's address in {@code id}, nickname or empty in {@code msg}): its request becomes a contact. */
public final class AcceptHandler implements CommandHandler {
    private final Contacts contacts;
    private final Clock clock;

    public AcceptHandler(Contacts contacts, Clock clock) {
        this.contacts = contacts;
        this.clock = clock;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws RequestException, IOException {
        OnionAddress peer = Arguments.onion(request.id(), "id");
        String nickname = ContactReplies.nickname(request.msg());
        ContactReplies.change(() -> contacts.accept(peer, nickname, clock.instant()), request.portno(), replies);
    }
}
