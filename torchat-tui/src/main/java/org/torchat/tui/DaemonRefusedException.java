package org.torchat.tui;

/** The daemon answered ERR; the message carries the daemon's reason. */
public final class DaemonRefusedException extends TorchatException {
    private final String reason;

    public DaemonRefusedException(String reason) {
        super("the daemon refused: " + reason);
        this.reason = reason;
    }

    /** The daemon's own words (the {@code msg} of its ERR). */
    public String reason() {
        return reason;
    }
}
