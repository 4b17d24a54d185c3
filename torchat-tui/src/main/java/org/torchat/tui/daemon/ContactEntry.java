package org.torchat.tui.daemon;

import java.util.Objects;

/**
 * One contact (CONTACTS) or one stranger's request (REQUESTS): the address, the nickname (null: none), the state
 * ({@code contact}, {@code request}, {@code stranger}), unread messages, when it was last seen (ms, null: never),
 * whether it is blocked and how many of its messages were dropped, whether it signs, and for a request its first
 * message (null otherwise), and its presence ({@code online}, {@code away}, {@code offline}).
 */
public record ContactEntry(
        String address,
        String nickname,
        String state,
        int unread,
        Long lastSeen,
        boolean blocked,
        long dropped,
        boolean verified,
        String firstMessage,
        String presence) {
    public ContactEntry {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(presence, "presence");
    }

    /** An entry whose presence is not known: offline. */
    public ContactEntry(
            String address,
            String nickname,
            String state,
            int unread,
            Long lastSeen,
            boolean blocked,
            long dropped,
            boolean verified,
            String firstMessage) {
        this(address, nickname, state, unread, lastSeen, blocked, dropped, verified, firstMessage, "offline");
    }

    public boolean online() {
        return !presence.equals("offline");
    }

    /** What to call the peer where space is short: the nickname, else the address. */
    public String name() {
        return nickname == null ? address : nickname;
    }
}
