package org.torchat.daemon.store;

import java.time.Instant;
import java.util.List;
import org.torchat.protocol.group.RosterFields;
import org.torchat.protocol.onion.OnionAddress;

/**
 * A group as we hold it: its roster (the creator's signed member list, highest version seen) and our own standing.
 * {@code invitedBy} is null for a group we created; {@code storedBytes} is what its messages' texts take.
 */
public record Group(
        RosterFields roster,
        byte[] rosterSignature,
        GroupState state,
        OnionAddress invitedBy,
        boolean muted,
        Instant createdAt,
        long storedBytes,
        int unread) {
    public String id() {
        return roster.groupId();
    }

    public String name() {
        return roster.name();
    }

    public List<OnionAddress> members() {
        return roster.members();
    }
}
