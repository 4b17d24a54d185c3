package org.torchat.tui.ui;

import java.util.List;
import org.torchat.tui.daemon.ContactEntry;
import org.torchat.tui.daemon.HistoryEntry;
import org.torchat.tui.daemon.IncomingMessage;
import org.torchat.tui.daemon.TransferEntry;

/** What background threads tell the UI thread: plain immutable data, handed over through {@link EventQueue}. */
public sealed interface UiEvent {
    /** Messages popped from the daemon, oldest first. */
    record MessagesArrived(List<IncomingMessage> messages) implements UiEvent {
        public MessagesArrived {
            messages = List.copyOf(messages);
        }
    }

    /** The daemon became unreachable ({@code problem} says why) or reachable again ({@code problem} null). */
    record DaemonStatus(String problem) implements UiEvent {
        public boolean reachable() {
            return problem == null;
        }
    }

    /** A SEND to {@code peer} failed; {@code reason} is the daemon's ERR text or the connection problem. */
    record SendFailed(String peer, String reason) implements UiEvent {}

    /** The daemon answered our EXIT: it is shutting down. */
    record DaemonStopped() implements UiEvent {}

    /** Our EXIT failed. */
    record StopFailed(String reason) implements UiEvent {}

    /** The daemon's STATUS line (Tor's state), when it changed. */
    record TorStatus(String line) implements UiEvent {}

    /** The stored conversation with {@code peer} (HISTORY), oldest first: replaces what its buffer shows. */
    record HistoryLoaded(String peer, List<HistoryEntry> entries) implements UiEvent {
        public HistoryLoaded {
            entries = List.copyOf(entries);
        }
    }

    /** The daemon's {@code delivery} token changed: a message of ours or a file transfer moved on. */
    record DeliveryChanged() implements UiEvent {}

    /** The newest messages with {@code peer} (HISTORY), read for their delivery marks only. */
    record MarksLoaded(String peer, List<HistoryEntry> entries) implements UiEvent {
        public MarksLoaded {
            entries = List.copyOf(entries);
        }
    }

    /** The contact list and the requests (CONTACTS, REQUESTS); {@code show}: also list them in the buffer. */
    /** A contact came online, went away or offline: the contacts are read again. */
    record PresenceChanged() implements UiEvent {}

    record ContactsLoaded(List<ContactEntry> contacts, List<ContactEntry> requests, boolean show) implements UiEvent {
        public ContactsLoaded {
            contacts = List.copyOf(contacts);
            requests = List.copyOf(requests);
        }
    }

    /** The strangers' requests changed (REQUESTS). */
    record RequestsLoaded(List<ContactEntry> requests) implements UiEvent {
        public RequestsLoaded {
            requests = List.copyOf(requests);
        }
    }

    /** The daemon's file transfers (TRANSFERS), when they changed. */
    record TransfersChanged(List<TransferEntry> transfers) implements UiEvent {
        public TransfersChanged {
            transfers = List.copyOf(transfers);
        }
    }

    /** {@code sent} of {@code total} bytes of {@code name} have gone to the daemon; {@code done}: the daemon has it all. */
    record UploadProgress(String peer, String name, long sent, long total, boolean done) implements UiEvent {}

    /** What SEARCH found for {@code query} ({@code everywhere}: in all conversations), newest first. */
    record SearchFound(String query, boolean everywhere, List<org.torchat.tui.daemon.SearchMatch> matches)
            implements UiEvent {
        public SearchFound {
            matches = List.copyOf(matches);
        }
    }

    /** Group messages popped from the daemon (GROUP_READ), oldest first. */
    record GroupPostsArrived(List<org.torchat.tui.daemon.GroupPost> posts) implements UiEvent {
        public GroupPostsArrived {
            posts = List.copyOf(posts);
        }
    }

    /** The daemon's {@code groups} token moved: a roster, our state in a group or an invitation changed. */
    record GroupsChanged() implements UiEvent {}

    /** The daemon's groups (GROUPS). */
    record GroupsLoaded(List<org.torchat.tui.daemon.GroupEntry> groups) implements UiEvent {
        public GroupsLoaded {
            groups = List.copyOf(groups);
        }
    }

    /** A group's stored messages (GROUP_HISTORY), oldest first: replace what its conversation shows. */
    record GroupHistoryLoaded(String groupId, List<org.torchat.tui.daemon.GroupPost> posts) implements UiEvent {
        public GroupHistoryLoaded {
            posts = List.copyOf(posts);
        }
    }

    /**
     * We created or joined group {@code groupId}: its conversation opens; {@code note} (the note on signatures, and
     * what to do next) shows below its stored messages once they are read.
     */
    record GroupOpened(String groupId, String note) implements UiEvent {}

    /** Anything else worth a line in the buffer on screen. */
    record Notice(String text) implements UiEvent {}
}
