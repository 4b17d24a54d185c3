package org.torchat.tui.ui;

import java.util.List;
import org.torchat.tui.daemon.ContactChange;

/** What a key press asks of the application beyond changing the {@link ChatState}. */
public sealed interface UiAction {
    /** Deliver {@code parts} to {@code peer} through the daemon, in order: one message each. */
    record Send(String peer, List<String> parts) implements UiAction {
        public Send {
            parts = List.copyOf(parts);
        }

        public Send(String peer, String text) {
            this(peer, List.of(text));
        }
    }

    /** Show the last {@code count} stored messages with {@code peer} (HISTORY). */
    record LoadHistory(String peer, int count) implements UiAction {}

    /** Change the contact list (add, rename, block...); the lists are read again afterwards. */
    record ChangeContact(ContactChange change) implements UiAction {}

    /** Show the contact list and the requests in the buffer (/contacts). */
    record ShowContacts() implements UiAction {}

    /** Stream {@code file} (on this machine) to the daemon, which sends it to {@code peer} (FILEUP). */
    record SendFile(String peer, java.nio.file.Path file) implements UiAction {}

    /** Accept ({@code accept}) or refuse incoming file offer {@code transferId}. */
    record DecideFile(String transferId, boolean accept) implements UiAction {}

    /** Ask the daemon for stored messages matching {@code text}: with {@code peer}, or in all ({@code peer} null). */
    record Search(String peer, String text) implements UiAction {}

    /**
     * A step in a group (docs/GROUPS.md): {@code group} is its id (null for CREATE), {@code argument} the name, the
     * peers (space-separated) or the member the step needs, else empty.
     */
    record GroupRequest(Kind kind, String group, String argument) implements UiAction {
        public enum Kind {
            CREATE,
            INVITE,
            JOIN,
            DECLINE,
            LEAVE,
            MEMBERS,
            REMOVE,
            MUTE,
            UNMUTE
        }
    }

    /** Leave the client; the daemon keeps running. */
    record Quit() implements UiAction {}

    /** Stop the daemon, then leave. */
    record StopDaemon() implements UiAction {}
}
