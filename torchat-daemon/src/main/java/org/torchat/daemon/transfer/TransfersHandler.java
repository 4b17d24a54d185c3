package org.torchat.daemon.transfer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.List;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.Replies;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.store.Transfer;
import org.torchat.daemon.store.TransferState;
import org.torchat.daemon.store.Transfers;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;

/**
 * TRANSFERS: the last {@link #LIMIT} file transfers, oldest first, one frame each (peer in {@code id}, file name in
 * {@code msg}), then END with their count (docs/PROTOCOL.md, "TRANSFERS").
 */
final class TransfersHandler implements CommandHandler {
    /** With the longest name and path, keeps a frame within the limit. */
    static final int MAX_ERROR_CHARS = 200;

    static final int LIMIT = 200;

    private final Transfers transfers;

    TransfersHandler(Transfers transfers) {
        this.transfers = transfers;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws IOException {
        List<Transfer> all = transfers.recent(LIMIT);
        for (Transfer t : all) {
            replies.send(frame(t, request.portno()));
        }
        replies.send(Replies.end(request.id(), request.portno(), String.valueOf(all.size())));
    }

    static Message frame(Transfer t, int portno) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        Message m = Message.of(Command.TRANSFERS, t.peer().hostname(), portno, t.name())
                .withExtension(Extensions.TRANSFER_ID, nodes.textNode(t.transferId()))
                .withExtension(
                        Extensions.DIRECTION, nodes.textNode(t.direction().dbValue()))
                .withExtension(Extensions.STATE, nodes.textNode(t.state().dbValue()))
                .withExtension(Extensions.SIZE, nodes.numberNode(t.size()))
                .withExtension(Extensions.OFFSET, nodes.numberNode(t.offset()))
                .withExtension(Extensions.SHA256, nodes.textNode(t.sha256()))
                .withExtension(Extensions.TIME, nodes.numberNode(t.updatedAt().toEpochMilli()));
        if (t.lastError() != null) {
            // A peer's ERR text is up to a frame long: quoted whole, it would push this frame over the limit.
            m = m.withExtension(Extensions.ERROR, nodes.textNode(Replies.abbreviate(t.lastError(), MAX_ERROR_CHARS)));
        }
        if (t.state() == TransferState.COMPLETE && t.path() != null) {
            m = m.withExtension(Extensions.PATH, nodes.textNode(t.path().toString()));
        }
        return m;
    }
}
