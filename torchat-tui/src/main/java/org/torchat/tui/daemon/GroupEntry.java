package org.torchat.tui.daemon;

/** One group (GROUPS): its id and name, our standing in it, its members, unread messages, muted, and its creator. */
public record GroupEntry(
        String id, String name, String state, int members, int unread, boolean muted, String creator) {}
