package org.torchat.daemon.seal;

import java.io.IOException;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.Replies;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.HistorySeal;
import org.torchat.protocol.Message;

/** LOCK: forgets the seal key's private half; history is unreadable again until UNLOCK. Receiving goes on. */
public final class LockHandler implements CommandHandler {
    private final HistorySeal seal;

    public LockHandler(HistorySeal seal) {
        this.seal = seal;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws RequestException, IOException {
        SealState.requireSealed(seal, "lock");
        if (seal.locked()) {
            throw new RequestException("already locked");
        }
        seal.lock();
        replies.send(Replies.end("", request.portno(), "locked"));
    }
}
