package org.torchat.daemon.control;

import java.io.IOException;
import java.time.ZoneId;
import java.util.List;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.History;
import org.torchat.daemon.store.StoredMessage;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/**
 * EXPORT (peer in {@code id}): the whole conversation with the peer, oldest first, as HISTORY frames, then END with
 * the count; HISTORY stops at {@link HistoryHandler#MAX_MESSAGES}. Read a page at a time, so the store is never held
 * for the whole of a long conversation.
 */
public final class ExportHandler implements CommandHandler {
    static final int PAGE = 500;

    private final History history;
    private final PeerResolver peers;
    private final ZoneId zone;

    public ExportHandler(History history, PeerResolver peers, ZoneId zone) {
        this.history = history;
        this.peers = peers;
        this.zone = zone;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws RequestException, IOException {
        OnionAddress peer = peers.resolve(request.id(), "id");
        long after = 0;
        long count = 0;
        List<StoredMessage> page;
        do {
            page = history.page(peer, after, PAGE);
            for (StoredMessage m : page) {
                replies.send(HistoryHandler.frame(m, request.portno(), zone));
                after = m.localId();
                count++;
            }
        } while (page.size() == PAGE);
        replies.send(HistoryHandler.end(history, peer, request.portno(), count));
    }
}
