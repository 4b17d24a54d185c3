package org.torchat.daemon.control;

import java.io.IOException;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Contacts;
import org.torchat.protocol.Message;

/** REQUESTS: one REQUESTS frame per stranger who wrote to us (first message in {@code msg}), then END with the count. */
public final class RequestsHandler implements CommandHandler {
    private final Contacts contacts;

    public RequestsHandler(Contacts contacts) {
        this.contacts = contacts;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws RequestException, IOException {
        ContactReplies.listing(contacts.requests(), ContactReplies::requestFrame, request, replies);
    }
}
