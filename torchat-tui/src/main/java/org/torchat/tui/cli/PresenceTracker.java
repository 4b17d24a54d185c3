package org.torchat.tui.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.torchat.tui.daemon.ContactEntry;

/**
 * What {@code torchat watch --presence} reports: the contacts whose presence differs from the last list it was
 * given. A contact that appears (added since) is reported when it is not offline; one that disappears (removed) is
 * not reported. Presence is a state, not a log: a contact that went away and back between two lists is not reported.
 */
final class PresenceTracker {
    private final Map<String, String> known = new HashMap<>();

    /** Takes {@code contacts} as the state already known, without reporting anything. */
    void baseline(List<ContactEntry> contacts) {
        known.clear();
        contacts.forEach(c -> known.put(c.address(), c.presence()));
    }

    /** The entries of {@code contacts} whose presence changed since the last list; then takes them as known. */
    List<ContactEntry> changes(List<ContactEntry> contacts) {
        List<ContactEntry> changed = new ArrayList<>();
        Map<String, String> now = new HashMap<>();
        for (ContactEntry c : contacts) {
            now.put(c.address(), c.presence());
            if (!c.presence().equals(known.getOrDefault(c.address(), "offline"))) {
                changed.add(c);
            }
        }
        known.clear();
        known.putAll(now);
        return changed;
    }
}
