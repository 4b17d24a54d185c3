package org.torchat.tui.daemon;

import java.util.Objects;

/** One unread message popped from the daemon: the sender, the time it arrived ({@code HH:MM}) and its text. */
public record IncomingMessage(String peer, String time, String text) {
    public IncomingMessage {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(text, "text");
    }

    /** As the seed's client shows it, and as {@code torchat read} prints it: {@code [HH:MM] text}. */
    public String display() {
        return "[" + time + "] " + text;
    }
}
