package org.torchat.daemon.seal;

import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.HistoryLockedException;
import org.torchat.daemon.store.HistorySeal;

/** What sealing means for the commands that read texts: refused while locked, and search off while sealed. */
public final class SealState {
    public static final String SEARCH_OFF = "search is off while history is sealed (sealhistory: true): the store "
            + "keeps no index of words it cannot read";

    private SealState() {}

    static void requireSealed(HistorySeal seal, String what) throws RequestException {
        if (!seal.on()) {
            throw new RequestException("history is not sealed (sealhistory is off): nothing to " + what);
        }
    }

    /**
     * {@code handler}, answered with ERR while the daemon is locked. Checked first, so that UPDATE pops nothing it
     * could not show; a LOCK that races in is caught where the text is opened (the transaction rolls back).
     */
    public static CommandHandler unlessLocked(HistorySeal seal, CommandHandler handler) {
        return (request, replies) -> {
            if (seal.locked()) {
                throw new RequestException(HistoryLockedException.MESSAGE);
            }
            try {
                handler.handle(request, replies);
            } catch (HistoryLockedException e) {
                throw new RequestException(e.getMessage());
            }
        };
    }

    /** {@code search}, or ERR {@link #SEARCH_OFF} when sealing is on. */
    public static CommandHandler searchUnlessSealed(HistorySeal seal, CommandHandler search) {
        return (request, replies) -> {
            if (seal.on()) {
                throw new RequestException(SEARCH_OFF);
            }
            search.handle(request, replies);
        };
    }
}
