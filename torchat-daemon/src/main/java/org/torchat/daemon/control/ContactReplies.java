package org.torchat.daemon.control;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.List;
import java.util.function.BiFunction;
import org.torchat.daemon.net.Replies;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Contact;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.Nicknames;
import org.torchat.protocol.onion.OnionAddress;

/** The frames of the contact commands, and the checks they share. */
final class ContactReplies {
    /**
     * A request's first message is shown as a preview: enough to judge it, small enough for any frame. The store
     * hands over one character more, which tells that the message was longer.
     */
    static final int MAX_PREVIEW_CHARS = 200;

    private ContactReplies() {}

    /** The END of a change: the peer's address in {@code id}, its nickname in {@code msg}, its row in the fields. */
    static Message changed(Contact after, int portno) {
        return describe(Replies.end(after.address().hostname(), portno, nicknameText(after)), after);
    }

    /** A listing: one frame per row, then END with the count (as HISTORY). */
    static void listing(
            List<Contact> rows, BiFunction<Contact, Integer, Message> frame, Message request, ReplySink replies)
            throws IOException {
        for (Contact row : rows) {
            replies.send(frame.apply(row, request.portno()));
        }
        replies.send(Replies.end(request.id(), request.portno(), String.valueOf(rows.size())));
    }

    /** One frame of a CONTACTS listing: the address in {@code id}, the nickname in {@code msg}. */
    static Message contactFrame(Contact contact, int portno) {
        return describe(
                Message.of(Command.CONTACTS, contact.address().hostname(), portno, nicknameText(contact)), contact);
    }

    /** One frame of a REQUESTS listing: the address in {@code id}, the first message (abbreviated) in {@code msg}. */
    static Message requestFrame(Contact request, int portno) {
        String first = request.firstMessage() == null ? "" : request.firstMessage();
        String preview = first;
        if (first.length() > MAX_PREVIEW_CHARS) {
            int end = MAX_PREVIEW_CHARS - 3;
            preview = first.substring(0, Character.isHighSurrogate(first.charAt(end - 1)) ? end - 1 : end) + "...";
        }
        return describe(Message.of(Command.REQUESTS, request.address().hostname(), portno, preview), request);
    }

    /** The nickname in {@code msg} of a request: empty means none; anything else must be a valid nickname. */
    static String nickname(String text) throws RequestException {
        if (text.isEmpty()) {
            return null;
        }
        String problem = Nicknames.problem(text).orElse(null);
        if (problem != null) {
            throw new RequestException("field 'msg': " + problem);
        }
        return text;
    }

    /** The contact list is about others: our own address is never one of them. */
    static OnionAddress notSelf(OnionAddress peer, OnionAddress self) throws RequestException {
        if (peer.equals(self)) {
            throw new RequestException(peer + " is this daemon's own address");
        }
        return peer;
    }

    private static String nicknameText(Contact contact) {
        return contact.nickname() == null ? "" : contact.nickname();
    }

    private static Message describe(Message frame, Contact c) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return frame.withExtension(
                        Extensions.NICKNAME, c.nickname() == null ? nodes.nullNode() : nodes.textNode(c.nickname()))
                .withExtension(
                        Extensions.CONTACT_STATE, nodes.textNode(c.state().dbValue()))
                .withExtension(Extensions.UNREAD, nodes.numberNode(c.unread()))
                .withExtension(Extensions.ADDED, nodes.numberNode(c.addedAt().toEpochMilli()))
                .withExtension(
                        Extensions.LAST_SEEN,
                        c.lastSeen() == null
                                ? nodes.nullNode()
                                : nodes.numberNode(c.lastSeen().toEpochMilli()))
                .withExtension(Extensions.BLOCKED, nodes.booleanNode(c.blocked()))
                .withExtension(Extensions.DROPPED, nodes.numberNode(c.droppedWhileBlocked()))
                .withExtension(Extensions.VERIFIED, nodes.booleanNode(c.verified()));
    }
}
