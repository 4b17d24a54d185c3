package org.torchat.tui.daemon;

import java.util.Objects;

/**
 * One unread message popped from the daemon: the sender, the time it arrived ({@code HH:MM}), its text, and whether
 * it carried a valid signature by the sender ({@code verified}; null when the daemon does not say).
 */
public record IncomingMessage(String peer, String time, String text, Boolean verified) {
    public IncomingMessage {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(text, "text");
    }

    public IncomingMessage(String peer, String time, String text) {
        this(peer, time, text, null);
    }

    /** As the seed's client shows it, and as {@code torchat read} prints it: {@code [HH:MM] text}. */
    public String display() {
        return "[" + time + "] " + text;
    }
}
