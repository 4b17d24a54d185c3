package org.torchat.tui.ui;

/** What a key press asks of the application beyond changing the {@link ChatState}. */
public sealed interface UiAction {
    /** Deliver {@code text} to {@code peer} through the daemon. */
    record Send(String peer, String text) implements UiAction {
    }

    /** Leave the client; the daemon keeps running. */
    record Quit() implements UiAction {
    }

    /** Stop the daemon, then leave. */
    record StopDaemon() implements UiAction {
    }
}
