package org.torchat.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.torchat.tui.Onions.onion;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.torchat.tui.daemon.ContactEntry;

class PresenceTrackerTest {
    private static ContactEntry entry(int n, String presence) {
        return new ContactEntry(onion(n), null, "contact", 0, null, false, 0, false, null, presence);
    }

    private static List<String> changes(PresenceTracker tracker, ContactEntry... now) {
        return tracker.changes(List.of(now)).stream()
                .map(c -> c.address() + " " + c.presence())
                .toList();
    }

    @Test
    void reportsOnlyWhatChangedSinceTheLastList() {
        PresenceTracker tracker = new PresenceTracker();
        tracker.baseline(List.of(entry(1, "online"), entry(2, "offline")));
        assertEquals(List.of(), changes(tracker, entry(1, "online"), entry(2, "offline")));
        assertEquals(
                List.of(onion(1) + " away", onion(2) + " online"),
                changes(tracker, entry(1, "away"), entry(2, "online")));
        assertEquals(List.of(), changes(tracker, entry(1, "away"), entry(2, "online")), "each change once");
    }

    @Test
    void aContactAddedOnlineIsReportedAndOneAddedOfflineOrRemovedIsNot() {
        PresenceTracker tracker = new PresenceTracker();
        tracker.baseline(List.of(entry(1, "online")));
        assertEquals(
                List.of(onion(2) + " online"),
                changes(tracker, entry(1, "online"), entry(2, "online"), entry(3, "offline")));
        assertEquals(List.of(), changes(tracker, entry(2, "online")), "removing contact 1 and 3 reports nothing");
        assertEquals(
                List.of(onion(1) + " online"),
                changes(tracker, entry(1, "online"), entry(2, "online")),
                "contact 1 added again, online");
    }
}
