package org.torchat.tui.daemon;

import java.util.Objects;

/**
 * One message of a stored conversation (HISTORY): local time {@code yyyy-MM-dd HH:mm}, whether it came from the
 * peer ({@code incoming}), its delivery status and, for an outgoing message still being retried or failed, why.
 * {@code verified}: for an incoming message, whether it carried a valid signature by the peer; null when the daemon
 * does not say (outgoing messages, older daemons).
 */
public record HistoryEntry(String time, boolean incoming, String status, String text, String error, Boolean verified) {
    public HistoryEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(text, "text");
    }

    public HistoryEntry(String time, boolean incoming, String status, String text, String error) {
        this(time, incoming, status, text, error, null);
    }

    /** An incoming message the daemon says carried no valid signature. */
    public boolean unverified() {
        return incoming && Boolean.FALSE.equals(verified);
    }

    /** {@code [time] < text} for the peer's messages, {@code [time] > text (status)} for ours. */
    public String display() {
        if (incoming) {
            return "[" + time + "] < " + text + (unverified() ? " (unverified)" : "");
        }
        return "[" + time + "] > " + text + " (" + status + (error == null ? "" : ": " + error) + ")";
    }
}
