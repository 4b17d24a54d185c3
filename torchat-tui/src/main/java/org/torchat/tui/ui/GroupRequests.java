package org.torchat.tui.ui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.torchat.protocol.Command;
import org.torchat.tui.TorchatException;
import org.torchat.tui.daemon.DaemonApi;
import org.torchat.tui.daemon.GroupMember;

/** Runs a group step the user asked for against the daemon, off the UI thread; says what happened as events. */
final class GroupRequests {
    /** Said once per group, when the user creates or joins it (docs/GROUPS.md). */
    static final String NOT_DENIABLE = "note: group messages are signed by their authors and passed on by members, so "
            + "anyone in the group can prove who wrote what; one-to-one messages stay deniable.";

    private final DaemonApi daemon;
    private final Consumer<UiEvent> sink;

    GroupRequests(DaemonApi daemon, Consumer<UiEvent> sink) {
        this.daemon = daemon;
        this.sink = sink;
    }

    void run(UiAction.GroupRequest r) {
        try {
            switch (r.kind()) {
                case CREATE -> {
                    String id = daemon.createGroup(r.argument());
                    sink.accept(new UiEvent.GroupsLoaded(daemon.groups()));
                    sink.accept(new UiEvent.GroupOpened(
                            id, "created #" + r.argument() + "; /invite PEER... to add contacts. " + NOT_DENIABLE));
                }
                case INVITE -> {
                    daemon.inviteToGroup(r.group(), Arrays.asList(r.argument().split("\\s+")));
                    sink.accept(new UiEvent.Notice("invited: " + r.argument() + " (they hear of it when next online)"));
                }
                case JOIN -> {
                    daemon.groupStep(Command.GROUP_JOIN, r.group());
                    sink.accept(new UiEvent.GroupsLoaded(daemon.groups()));
                    sink.accept(new UiEvent.GroupOpened(
                            r.group(), "joining: a member once its creator has added you. " + NOT_DENIABLE));
                }
                case DECLINE -> {
                    daemon.groupStep(Command.GROUP_DECLINE, r.group());
                    sink.accept(new UiEvent.Notice("invitation declined"));
                }
                case LEAVE -> {
                    daemon.groupStep(Command.GROUP_LEAVE, r.group());
                    sink.accept(new UiEvent.Notice("left the group: nothing of it is taken from now on"));
                }
                case MEMBERS -> sink.accept(new UiEvent.Notice(members(daemon.groupMembers(r.group()))));
                case REMOVE -> {
                    daemon.removeFromGroup(r.group(), r.argument());
                    sink.accept(new UiEvent.Notice("removed " + r.argument() + " from the group"));
                }
                case MUTE, UNMUTE -> {
                    boolean mute = r.kind() == UiAction.GroupRequest.Kind.MUTE;
                    daemon.muteInGroup(r.group(), r.argument().isBlank() ? null : r.argument(), mute);
                    sink.accept(new UiEvent.Notice(
                            (mute ? "muted " : "unmuted ") + (r.argument().isBlank() ? "the group" : r.argument())));
                }
            }
            if (r.kind() != UiAction.GroupRequest.Kind.CREATE && r.kind() != UiAction.GroupRequest.Kind.JOIN) {
                sink.accept(new UiEvent.GroupsLoaded(daemon.groups()));
            }
        } catch (TorchatException e) {
            sink.accept(new UiEvent.Notice(
                    "! " + r.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + e.getMessage()));
        } catch (RuntimeException e) {
            sink.accept(
                    new UiEvent.Notice("! " + r.kind().name().toLowerCase(java.util.Locale.ROOT) + " failed: " + e));
        }
    }

    /** One line: the members, the creator marked, muted ones marked. */
    private static String members(List<GroupMember> members) {
        List<String> names = new ArrayList<>();
        for (GroupMember m : members) {
            String name = m.nickname() != null ? m.nickname() : m.address();
            names.add(name + (m.creator() ? " (creator)" : "") + (m.muted() ? " (muted)" : ""));
        }
        return members.size() + " members: " + String.join(", ", names);
    }
}
