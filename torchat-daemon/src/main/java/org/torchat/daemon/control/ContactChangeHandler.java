package org.torchat.daemon.control;

import java.io.IOException;
import java.util.function.Consumer;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Contact;
import org.torchat.daemon.store.ContactException;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/**
 * What the handlers that change the contact list share: find the peer, make the change, answer END describing the
 * peer afterwards, or ERR saying why the change does not apply. Each command's handler says only which peer and
 * which change.
 */
abstract class ContactChangeHandler implements CommandHandler {
    private final Consumer<OnionAddress> changed;

    /** {@code changed}: told of each peer whose row changed (sessions follow who is a contact). */
    ContactChangeHandler(Consumer<OnionAddress> changed) {
        this.changed = changed;
    }

    @Override
    public final void handle(Message request, ReplySink replies) throws RequestException, IOException {
        OnionAddress peer = peer(request);
        Contact after;
        try {
            after = change(peer, request);
        } catch (ContactException e) {
            throw new RequestException(e.getMessage());
        }
        changed.accept(peer);
        replies.send(ContactReplies.changed(after, request.portno()));
    }

    /** The peer the request names (in {@code id}). */
    protected abstract OnionAddress peer(Message request) throws RequestException;

    /** Makes the change; returns the peer's row afterwards. */
    protected abstract Contact change(OnionAddress peer, Message request) throws ContactException, RequestException;
}
