package org.torchat.daemon.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.List;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.Replies;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Contact;
import org.torchat.daemon.store.Contacts;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;

/**
 * REQUESTS: one page of strangers who wrote to us, oldest first, one REQUESTS frame each (the first message, cut, in
 * {@code msg}), then END with the page's count and, when further requests follow, {@code more} (how many). A page is
 * {@code msg} requests (default {@link #DEFAULT_PAGE}, at most {@link #MAX_PAGE}) from {@code offset}: whatever
 * strangers send, one reply stays small.
 */
public final class RequestsHandler implements CommandHandler {
    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 500;

    private final Contacts contacts;

    public RequestsHandler(Contacts contacts) {
        this.contacts = contacts;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws RequestException, IOException {
        int limit = pageSize(request.msg());
        int offset = offset(request);
        List<Contact> page = contacts.requests(offset, limit, ContactReplies.MAX_PREVIEW_CHARS + 1);
        for (Contact row : page) {
            replies.send(ContactReplies.requestFrame(row, request.portno()));
        }
        Message end = Replies.end(request.id(), request.portno(), String.valueOf(page.size()));
        int after = page.size() == limit ? Math.max(0, contacts.requestCount() - offset - limit) : 0;
        if (after > 0) {
            end = end.withExtension(Extensions.MORE, JsonNodeFactory.instance.numberNode(after));
        }
        replies.send(end);
    }

    private static int pageSize(String msg) throws RequestException {
        if (msg.isEmpty()) {
            return DEFAULT_PAGE;
        }
        try {
            int n = Integer.parseInt(msg.strip());
            if (n >= 1 && n <= MAX_PAGE) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new RequestException("field 'msg' must be the page size, a whole number 1.." + MAX_PAGE
                + " (or empty for " + DEFAULT_PAGE + ")");
    }

    private static int offset(Message request) throws RequestException {
        JsonNode node = request.extension(Extensions.OFFSET).orElse(null);
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
            throw new RequestException(
                    "field '" + Extensions.OFFSET + "' must be a whole number of requests to skip, " + "0 or more");
        }
        return node.intValue();
    }
}
