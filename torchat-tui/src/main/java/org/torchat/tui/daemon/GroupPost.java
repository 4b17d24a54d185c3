package org.torchat.tui.daemon;

/**
 * One group message (GROUP_HISTORY, GROUP_READ): the group's id and name, the author's address, the text, the
 * author's time (ms since the epoch, and as the daemon's {@code date}), the author's sequence number.
 */
public record GroupPost(
        String groupId, String groupName, String author, String text, long time, String date, long seq) {}
