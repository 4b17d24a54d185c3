package org.torchat.daemon.transfer;

import java.util.function.Supplier;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Transfers;

/**
 * The {@code spoolquota}: files waiting to be sent plus files being received may not take more than this together.
 * The check and the store change that takes the space happen under one lock, so two uploads cannot both squeeze in.
 */
final class SpoolQuota {
    private final Transfers transfers;
    private final long quota;

    SpoolQuota(Transfers transfers, long quota) {
        this.transfers = transfers;
        this.quota = quota;
    }

    /** Runs {@code take} (which must make the transfer count as reserved) if {@code size} more bytes fit. */
    synchronized <T> T reserve(long size, Supplier<T> take) throws RequestException {
        long used = transfers.reservedBytes();
        if (used + size > quota) {
            throw new RequestException("spool quota full: " + size + " more bytes would make " + (used + size)
                    + ", the limit (spoolquota) is " + quota + "; wait for transfers to finish");
        }
        return take.get();
    }
}
