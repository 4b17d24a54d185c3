package org.torchat.daemon.store;

/** A sealed text was to be read while the daemon is locked (no passphrase given since it started, or LOCK). */
public final class HistoryLockedException extends RuntimeException {
    public static final String MESSAGE = "history is sealed and the daemon is locked: run 'torchat unlock' (or "
            + "start the TUI) and give the passphrase; messages are still received and stored meanwhile";

    public HistoryLockedException() {
        super(MESSAGE);
    }
}
