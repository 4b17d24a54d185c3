package org.torchat.tui.daemon;

import java.util.List;

/** An invitation not yet answered (GROUP_INVITES): the group, who invited us, its creator and its members. */
public record GroupInvitation(String id, String name, String invitedBy, String creator, List<String> members) {}
