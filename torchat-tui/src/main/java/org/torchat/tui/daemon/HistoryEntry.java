package org.torchat.tui.daemon;

import java.util.Objects;

/**
 * One message of a stored conversation (HISTORY): local time {@code yyyy-MM-dd HH:mm}, whether it came from the
 * peer ({@code incoming}), its delivery status and, for an outgoing message still being retried or failed, why.
 */
public record HistoryEntry(String time, boolean incoming, String status, String text, String error) {
    public HistoryEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(text, "text");
    }

    /** {@code [time] < text} for the peer's messages, {@code [time] > text (status)} for ours. */
    public String display() {
        if (incoming) {
            return "[" + time + "] < " + text;
        }
        return "[" + time + "] > " + text + " (" + status + (error == null ? "" : ": " + error) + ")";
    }
}
