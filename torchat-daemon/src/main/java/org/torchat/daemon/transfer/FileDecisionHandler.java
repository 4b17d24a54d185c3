package org.torchat.daemon.transfer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.Replies;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.ChangeSignal;
import org.torchat.daemon.store.Transfer;
import org.torchat.daemon.store.TransferState;
import org.torchat.daemon.store.Transfers;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.FileChunks;
import org.torchat.protocol.Message;

/**
 * FILEACCEPT and FILEREJECT: our user's answer to an incoming offer (transfer id in {@code msg}). Accepting takes the
 * file's size from the spool quota; a sender waiting on the offer hears the answer at once.
 */
final class FileDecisionHandler implements CommandHandler {
    private static final Logger LOG = LoggerFactory.getLogger(FileDecisionHandler.class);

    private final Transfers transfers;
    private final SpoolQuota quota;
    private final ChangeSignal decisions;
    private final boolean accept;
    private final Clock clock;

    FileDecisionHandler(Transfers transfers, SpoolQuota quota, ChangeSignal decisions, boolean accept, Clock clock) {
        this.transfers = transfers;
        this.quota = quota;
        this.decisions = decisions;
        this.accept = accept;
        this.clock = clock;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws RequestException, IOException {
        String tid = request.msg();
        if (!FileChunks.isTransferId(tid)) {
            throw new RequestException("field 'msg' must be a transfer id (32 lowercase hex digits, see TRANSFERS)");
        }
        List<Transfer> waiting = transfers.incoming(tid).stream()
                .filter(t -> t.state() == TransferState.OFFERED)
                .toList();
        if (waiting.isEmpty()) {
            throw new RequestException("no incoming offer " + tid + " waits for an answer");
        }
        if (waiting.size() > 1) {
            throw new RequestException("two peers offered files under the id " + tid + "; refuse both and ask again");
        }
        Transfer t = waiting.get(0);
        Transfer decided = accept
                ? quota.reserve(t.size(), () -> transfers.update(t, TransferState.RECEIVING, 0, clock.instant()))
                : transfers.finish(t, TransferState.REJECTED, 0, null, AcceptancePolicy.REFUSED, clock.instant());
        decisions.signal();
        LOG.info("file offer {} from {}: {} by the user", tid, t.peer(), accept ? "accepted" : "refused");
        replies.send(Replies.end(request.id(), request.portno(), tid)
                .withExtension(
                        Extensions.STATE,
                        JsonNodeFactory.instance.textNode(decided.state().dbValue())));
    }
}
