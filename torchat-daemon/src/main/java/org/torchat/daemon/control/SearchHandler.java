package org.torchat.daemon.control;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.torchat.daemon.store.Search;
import org.torchat.daemon.store.StoredMessage;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/**
 * SEARCH (words in {@code msg}; a peer's address or nickname in {@code id}, or empty for every conversation;
 * optional {@code limit}, default {@link #DEFAULT_LIMIT}, at most {@link #MAX_LIMIT}): the matching stored messages,
 * newest first, one SEARCH frame each as HISTORY sends them plus {@code newer}, then END with the count. The daemon
 * searches its full-text index, so a client never reads a whole history to find something.
 */
public final class SearchHandler implements CommandHandler {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final Search search;
    private final PeerResolver peers;
    private final ZoneId zone;

    public SearchHandler(Search search, PeerResolver peers, ZoneId zone) {
        this.search = search;
        this.peers = peers;
        this.zone = zone;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws RequestException, IOException {
        if (request.msg().isBlank()) {
            throw new RequestException("field 'msg': what to search for is missing");
        }
        OnionAddress peer = request.id().isBlank() ? null : peers.resolve(request.id(), "id");
        List<Search.Match> matches = search.find(request.msg(), peer, limit(request));
        for (Search.Match m : matches) {
            replies.send(frame(m, request.portno()));
        }
        replies.send(
                Replies.end(peer == null ? "" : peer.hostname(), request.portno(), String.valueOf(matches.size())));
    }

    private static int limit(Message request) throws RequestException {
        JsonNode node = request.extension(Extensions.LIMIT).orElse(null);
        if (node == null) {
            return DEFAULT_LIMIT;
        }
        if (!node.canConvertToInt() || node.intValue() < 1 || node.intValue() > MAX_LIMIT) {
            throw new RequestException("field '" + Extensions.LIMIT + "' must be 1.." + MAX_LIMIT);
        }
        return node.intValue();
    }

    private Message frame(Search.Match match, int portno) {
        StoredMessage m = match.message();
        Instant time = m.direction() == Direction.IN ? m.receivedAt() : m.sentAt();
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        Message frame = Message.of(Command.SEARCH, m.peer().hostname(), portno, m.text())
                .withDate(DATE.format(time.atZone(zone)))
                .withExtension(
                        Extensions.DIRECTION, nodes.textNode(m.direction().dbValue()))
                .withExtension(Extensions.STATUS, nodes.textNode(m.status().dbValue()))
                .withExtension(Extensions.MESSAGE_ID, nodes.textNode(m.messageId()))
                .withExtension(Extensions.TIME, nodes.numberNode(time.toEpochMilli()))
                .withExtension(Extensions.NEWER, nodes.numberNode(match.newer()));
        return m.direction() == Direction.IN
                ? frame.withExtension(Extensions.VERIFIED, nodes.booleanNode(m.verified()))
                : frame;
    }
}
