package org.torchat.daemon.store;

import java.nio.file.Path;
import java.time.Instant;
import org.torchat.protocol.onion.OnionAddress;

/**
 * One row of the transfers table. {@code offset}: outgoing, the bytes the peer has acknowledged storing; incoming,
 * the bytes we have stored durably (fsync). {@code path}: outgoing, the spool file; incoming, where the complete
 * file was saved (null before). {@code name}: incoming, already sanitised.
 */
public record Transfer(
        long rowId,
        String transferId,
        OnionAddress peer,
        Direction direction,
        String name,
        long size,
        String sha256,
        TransferState state,
        long offset,
        int portno,
        Path path,
        Instant createdAt,
        Instant updatedAt,
        int attempts,
        Instant nextAttemptAt,
        String lastError) {}
