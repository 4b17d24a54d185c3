package org.torchat.daemon.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torchat.daemon.net.Arguments;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.Replies;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Inbox;
import org.torchat.daemon.store.MessageIds;
import org.torchat.daemon.store.PeerLimitException;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/**
 * RECV from a peer: stores the message (once per message id) and only then answers END carrying the id: the
 * acknowledgement the sender waits for. A message without an id (the original C daemon) gets a fresh local id.
 */
public final class RecvHandler implements CommandHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RecvHandler.class);

    private final OnionAddress self;
    private final Inbox inbox;
    private final Clock clock;
    private final boolean logText;

    public RecvHandler(OnionAddress self, Inbox inbox, Clock clock, boolean logText) {
        this.self = self;
        this.inbox = inbox;
        this.clock = clock;
        this.logText = logText;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws RequestException, IOException {
        OnionAddress sender = Arguments.onion(request.id(), "id");
        String text = Arguments.text(request.msg(), "msg");
        String messageId = messageId(request);
        Instant sentAt = sentAt(request);
        Inbox.Outcome outcome;
        try {
            outcome = inbox.store(sender, messageId, text, sentAt, clock.instant());
        } catch (PeerLimitException e) {
            throw new RequestException("not stored: " + e.getMessage() + "; try again later");
        }
        LOG.info("RECV from {} ({}): {}{}", sender, messageId, outcome.name().toLowerCase(),
                logText ? " \"" + text + "\"" : "");
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        replies.send(Replies.end(self.hostname(), request.portno(), "")
                .withExtension(Extensions.MESSAGE_ID, nodes.textNode(messageId))
                .withExtension(Extensions.PROTO, nodes.numberNode(Extensions.PROTOCOL_VERSION)));
    }

    private static String messageId(Message request) throws RequestException {
        JsonNode id = request.extension(Extensions.MESSAGE_ID).orElse(null);
        if (id == null) {
            return MessageIds.random();
        }
        if (!id.isTextual() || !MessageIds.isAcceptable(id.textValue())) {
            throw new RequestException("field '" + Extensions.MESSAGE_ID + "' must be 16..64 letters, digits, '-' or '_'");
        }
        return id.textValue();
    }

    private static Instant sentAt(Message request) throws RequestException {
        JsonNode ts = request.extension(Extensions.TIMESTAMP).orElse(null);
        if (ts == null) {
            return null;
        }
        if (!ts.isIntegralNumber() || !ts.canConvertToLong() || ts.longValue() < 0) {
            throw new RequestException("field '" + Extensions.TIMESTAMP + "' must be milliseconds since the epoch");
        }
        return Instant.ofEpochMilli(ts.longValue());
    }
}
