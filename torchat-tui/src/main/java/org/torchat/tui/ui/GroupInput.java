package org.torchat.tui.ui;

import java.util.List;
import java.util.Optional;
import org.torchat.protocol.group.GroupNames;
import org.torchat.tui.ui.UiAction.GroupRequest.Kind;

/**
 * The input line's group commands (docs/TUI.md, "Groups"): each names its group explicitly or means the group whose
 * conversation is open; /join and /decline also mean the only invitation waiting. Runs on the UI thread.
 */
final class GroupInput {
    private GroupInput() {}

    /** {@code /group create NAME}. */
    static Optional<UiAction> group(InputHandler input, String arg) {
        ChatState state = input.state();
        String[] words = arg.split("\\s+", 2);
        if (!words[0].equalsIgnoreCase("create") || words.length < 2) {
            state.notice("! /group create NAME: a new group with you as its creator");
            return Optional.empty();
        }
        Optional<String> problem = GroupNames.problem(words[1].strip());
        if (problem.isPresent()) {
            state.notice("! " + problem.get());
            return Optional.empty();
        }
        return Optional.of(new UiAction.GroupRequest(Kind.CREATE, null, words[1].strip()));
    }

    /** {@code /invite PEER...}: to the open group. */
    static Optional<UiAction> invite(InputHandler input, String arg) {
        return withOpenGroup(input, "/invite PEER...", arg, Kind.INVITE);
    }

    /** {@code /remove PEER} in a group's conversation. */
    static Optional<UiAction> remove(InputHandler input, String arg) {
        return withOpenGroup(input, "/remove PEER", arg, Kind.REMOVE);
    }

    static Optional<UiAction> join(InputHandler input, String arg) {
        return answer(input, arg, Kind.JOIN, "/join");
    }

    static Optional<UiAction> decline(InputHandler input, String arg) {
        return answer(input, arg, Kind.DECLINE, "/decline");
    }

    static Optional<UiAction> leave(InputHandler input, String arg) {
        return named(input, arg, "/leave [GROUP]").map(id -> new UiAction.GroupRequest(Kind.LEAVE, id, ""));
    }

    static Optional<UiAction> members(InputHandler input, String arg) {
        return named(input, arg, "/members [GROUP]").map(id -> new UiAction.GroupRequest(Kind.MEMBERS, id, ""));
    }

    /** {@code /mute [PEER]} and {@code /unmute [PEER]}: the open group, or one member in it. */
    static Optional<UiAction> mute(InputHandler input, String arg, boolean mute) {
        Optional<String> group = openGroup(input.state());
        if (group.isEmpty()) {
            input.state().notice("! " + (mute ? "/mute" : "/unmute") + " [PEER] works in a group's conversation");
            return Optional.empty();
        }
        return Optional.of(new UiAction.GroupRequest(mute ? Kind.MUTE : Kind.UNMUTE, group.get(), arg));
    }

    private static Optional<UiAction> withOpenGroup(InputHandler input, String usage, String arg, Kind kind) {
        Optional<String> group = openGroup(input.state());
        if (group.isEmpty() || arg.isBlank()) {
            input.state().notice("! " + usage + (group.isEmpty() ? " works in a group's conversation" : ": whom?"));
            return Optional.empty();
        }
        return Optional.of(new UiAction.GroupRequest(kind, group.get(), arg.strip()));
    }

    /** The open invitation named, else the open conversation's, else the only one waiting. */
    private static Optional<UiAction> answer(InputHandler input, String arg, Kind kind, String command) {
        ChatState state = input.state();
        if (arg.isBlank() && openGroup(state).isEmpty()) {
            List<String> waiting = state.groups().invitations();
            if (waiting.size() != 1) {
                state.notice("! " + command + " GROUP: " + waiting.size() + " invitations wait; name one");
                return Optional.empty();
            }
            return Optional.of(new UiAction.GroupRequest(kind, GroupBook.id(waiting.get(0)), ""));
        }
        return named(input, arg, command + " [GROUP]").map(id -> new UiAction.GroupRequest(kind, id, ""));
    }

    /** The group {@code arg} names, else the open one; its id. */
    private static Optional<String> named(InputHandler input, String arg, String usage) {
        ChatState state = input.state();
        if (arg.isBlank()) {
            Optional<String> open = openGroup(state);
            if (open.isEmpty()) {
                state.notice("! " + usage + ": name the group, or open its conversation");
            }
            return open;
        }
        Optional<String> key = state.groups().find(arg);
        if (key.isEmpty()) {
            state.notice("! no single group is called '" + arg.strip() + "' (its id works too)");
        }
        return key.map(GroupBook::id);
    }

    private static Optional<String> openGroup(ChatState state) {
        return state.currentPeer().filter(GroupBook::isGroup).map(GroupBook::id);
    }
}
