package org.torchat.protocol.group;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.torchat.protocol.onion.OnionAddress;

/**
 * A group's member list as its creator issues it, and what the creator's signature covers ({@link GroupSignatures}).
 * {@code version} only grows: of two rosters of a group, members keep the higher, so every member ends up with the
 * same list. The members are kept in address order and include the creator, so one list has one encoding.
 */
public record RosterFields(
        String groupId, OnionAddress creator, long version, String name, List<OnionAddress> members) {
    public RosterFields {
        GroupIds.require(groupId);
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(name, "name");
        if (version < 1) {
            throw new IllegalArgumentException("a roster's version starts at 1, got " + version);
        }
        List<OnionAddress> sorted = new ArrayList<>(members);
        sorted.sort(Comparator.comparing(OnionAddress::hostname));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).equals(sorted.get(i - 1))) {
                throw new IllegalArgumentException(sorted.get(i) + " is in the member list twice");
            }
        }
        if (!sorted.contains(creator)) {
            throw new IllegalArgumentException("the creator " + creator + " must be a member of its group");
        }
        members = List.copyOf(sorted);
    }
}
