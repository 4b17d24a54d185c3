package org.torchat.daemon.control;

import java.io.IOException;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Contacts;
import org.torchat.protocol.Message;

/** CONTACTS: one CONTACTS frame per contact (and per blocked address), then END with the count, as HISTORY. */
public final class ContactsHandler implements CommandHandler {
    private final Contacts contacts;

    public ContactsHandler(Contacts contacts) {
        this.contacts = contacts;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws RequestException, IOException {
        ContactReplies.listing(contacts.list(), ContactReplies::contactFrame, request, replies);
    }
}
