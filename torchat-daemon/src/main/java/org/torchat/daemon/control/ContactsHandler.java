package org.torchat.daemon.control;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.session.SessionService;
import org.torchat.daemon.store.Contact;
import org.torchat.daemon.store.Contacts;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;

/**
 * CONTACTS: one CONTACTS frame per contact (and per blocked address), then END with the count, as HISTORY. Each
 * frame says the contact's presence (online, away, offline) and the id of the session with it, if one is open.
 */
public final class ContactsHandler implements CommandHandler {
    private final Contacts contacts;
    private final SessionService sessions;

    public ContactsHandler(Contacts contacts, SessionService sessions) {
        this.contacts = contacts;
        this.sessions = sessions;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws RequestException, IOException {
        ContactReplies.listing(contacts.list(), this::frame, request, replies);
    }

    private Message frame(Contact contact, int portno) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        String session = sessions.sessionId(contact.address());
        return ContactReplies.contactFrame(contact, portno)
                .withExtension(
                        Extensions.PRESENCE,
                        nodes.textNode(sessions.presenceOf(contact.address()).wire()))
                .withExtension(Extensions.SESSION, session == null ? nodes.nullNode() : nodes.textNode(session));
    }
}
