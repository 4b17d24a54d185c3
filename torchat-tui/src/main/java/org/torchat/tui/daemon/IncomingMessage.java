package org.torchat.tui.daemon;

import java.util.Objects;

/**
 * One unread message popped from the daemon: the sender, the time it arrived ({@code HH:MM}), its text, and whether
 * it carried the sender's valid signature ({@code null}: the daemon did not say, as an older one does not).
 */
public record IncomingMessage(String peer, String time, String text, Boolean verified) {
    /** What an unsigned message is marked with wherever it is shown: anyone could have written it. */
    public static final String UNVERIFIED_MARK = " (unverified)";

    public IncomingMessage {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(text, "text");
    }

    public IncomingMessage(String peer, String time, String text) {
        this(peer, time, text, null);
    }

    /** The mark after the text: {@link #UNVERIFIED_MARK} for a message the daemon says is not signed, else none. */
    public String mark() {
        return Boolean.FALSE.equals(verified) ? UNVERIFIED_MARK : "";
    }

    /** As the seed's client shows it, and as {@code torchat read} prints it: {@code [HH:MM] text}, then the mark. */
    public String display() {
        return "[" + time + "] " + text + mark();
    }
}
