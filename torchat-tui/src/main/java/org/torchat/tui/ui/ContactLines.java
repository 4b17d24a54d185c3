package org.torchat.tui.ui;

import java.util.ArrayList;
import java.util.List;
import org.torchat.tui.daemon.ContactEntry;

/** What /contacts writes into the buffer: the contacts, then the strangers' requests with their first message. */
final class ContactLines {
    private ContactLines() {}

    static List<String> of(List<ContactEntry> contacts, List<ContactEntry> requests) {
        List<String> lines = new ArrayList<>();
        lines.add(contacts.isEmpty() ? "No contacts yet: /add ONION [NICK]" : "Contacts:");
        for (ContactEntry c : contacts) {
            lines.add("  " + (c.nickname() == null ? "" : c.nickname() + "  ") + c.address()
                    + (c.unread() > 0 ? "  (" + c.unread() + " unread)" : "")
                    + (c.blocked() ? "  BLOCKED, " + c.dropped() + " dropped" : ""));
        }
        if (!requests.isEmpty()) {
            lines.add("Requests (/accept or /block):");
            for (ContactEntry r : requests) {
                lines.add("  " + r.address() + "  \"" + (r.firstMessage() == null ? "" : r.firstMessage()) + "\"");
            }
        }
        return lines;
    }
}
