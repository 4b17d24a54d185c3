package org.torchat.tui.daemon;

/**
 * One member of a group (GROUP_MEMBERS): its address, our nickname for it (null: none), whether it created the
 * group, whether our user muted it.
 */
public record GroupMember(String address, String nickname, boolean creator, boolean muted) {}
