package org.torchat.daemon.store;

import java.time.Instant;
import org.torchat.protocol.group.GroupMessageFields;

/** A stored group message: what its author signed, the signature (to pass it on), when it reached us, unread or not. */
public record GroupMessage(long id, GroupMessageFields fields, byte[] signature, Instant receivedAt, boolean unread) {}
