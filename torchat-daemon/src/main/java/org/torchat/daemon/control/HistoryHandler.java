package org.torchat.daemon.control;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.Replies;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Direction;
import org.torchat.daemon.store.History;
import org.torchat.daemon.store.StoredMessage;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/**
 * HISTORY (peer in {@code id}, count in {@code msg}): the last n messages with the peer, oldest first, one
 * HISTORY frame each on the same connection, then END with the count. Reading history marks nothing read.
 * Incoming messages carry {@code verified} (signed by the peer, or not); the END carries {@code verified} for the
 * peer: whether it has ever sent a signed message.
 */
public final class HistoryHandler implements CommandHandler {
    public static final int MAX_MESSAGES = 1000;
    /** Keeps a frame with the longest text and a long error within the frame limit. */
    private static final int MAX_ERROR_CHARS = 200;

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final History history;
    private final PeerResolver peers;
    private final ZoneId zone;

    /** {@code peers}: the peer in {@code id} may be an address or a contact's nickname. */
    public HistoryHandler(History history, PeerResolver peers, ZoneId zone) {
        this.history = history;
        this.peers = peers;
        this.zone = zone;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws RequestException, IOException {
        OnionAddress peer = peers.resolve(request.id(), "id");
        int n = count(request.msg());
        List<StoredMessage> messages = history.last(peer, n);
        for (StoredMessage m : messages) {
            replies.send(frame(m, request.portno(), zone));
        }
        replies.send(end(history, peer, request.portno(), messages.size()));
    }

    /** The END of a listing of {@code peer}'s messages: the count, and whether the peer has ever signed. */
    static Message end(History history, OnionAddress peer, int portno, long count) {
        return Replies.end(peer.hostname(), portno, String.valueOf(count))
                .withExtension(Extensions.VERIFIED, JsonNodeFactory.instance.booleanNode(history.peerVerified(peer)));
    }

    private static int count(String text) throws RequestException {
        int n;
        try {
            n = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new RequestException("field 'msg' must be the number of messages, got '" + abbreviate(text) + "'");
        }
        if (n < 1 || n > MAX_MESSAGES) {
            throw new RequestException("field 'msg': the number of messages must be 1.." + MAX_MESSAGES + ", got " + n);
        }
        return n;
    }

    /** One stored message as a HISTORY frame (also EXPORT's). */
    static Message frame(StoredMessage m, int portno, ZoneId zone) {
        Instant time = m.direction() == Direction.IN ? m.receivedAt() : m.sentAt();
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        Message frame = Message.of(Command.HISTORY, m.peer().hostname(), portno, m.text())
                .withDate(DATE.format(time.atZone(zone)))
                .withExtension(
                        Extensions.DIRECTION, nodes.textNode(m.direction().dbValue()))
                .withExtension(Extensions.STATUS, nodes.textNode(m.status().dbValue()))
                .withExtension(Extensions.MESSAGE_ID, nodes.textNode(m.messageId()))
                .withExtension(Extensions.TIME, nodes.numberNode(time.toEpochMilli()));
        if (m.direction() == Direction.IN) {
            frame = frame.withExtension(Extensions.VERIFIED, nodes.booleanNode(m.verified()));
        }
        return m.lastError() == null
                ? frame
                : frame.withExtension(
                        Extensions.ERROR, nodes.textNode(Replies.abbreviate(m.lastError(), MAX_ERROR_CHARS)));
    }

    private static String abbreviate(String text) {
        return Replies.abbreviate(text, 20);
    }
}
