package org.torchat.tui.ui;

import java.util.List;
import org.torchat.tui.daemon.ContactEntry;

/** The strangers who wrote to us (REQUESTS), oldest first, as the request section of the peer pane lists them. */
final class RequestSection {
    private List<ContactEntry> requests = List.of();

    void set(List<ContactEntry> pending) {
        requests = List.copyOf(pending);
    }

    List<ContactEntry> list() {
        return requests;
    }

    /** Their addresses, which Tab completes too. */
    List<String> addresses() {
        return requests.stream().map(ContactEntry::address).toList();
    }
}
