package org.torchat.tui.daemon;

import java.util.Objects;

/**
 * A stored message that SEARCH found: its conversation, the message as HISTORY shows it, and how many messages of
 * that conversation are newer (counted up to 1001), so that the client can read enough history to show it.
 */
public record SearchMatch(String peer, HistoryEntry entry, int newer) {
    public SearchMatch {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(entry, "entry");
    }
}
