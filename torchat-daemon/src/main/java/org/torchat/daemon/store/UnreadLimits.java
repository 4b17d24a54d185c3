package org.torchat.daemon.store;

/** Per-peer caps on what a peer may leave unread in our store: it cannot fill the disk. */
public record UnreadLimits(int maxMessages, long maxBytes) {
    public UnreadLimits {
        if (maxMessages < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
