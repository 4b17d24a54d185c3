package org.torchat.tui.ui;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.torchat.tui.daemon.ContactChange;

/** The one table of the input line's commands (immutable): /help, Tab completion and dispatch read only this. */
final class SlashCommands {
    static final List<SlashCommand> ALL = List.of(
            new SlashCommand(
                    "/peer",
                    "[PEER]",
                    "choose the peer to talk to (Up/Down, Enter; Space for a new "
                            + "address); with PEER, an onion address or a contact's nickname, talk to it",
                    true,
                    InputHandler::peer),
            new SlashCommand(
                    "/history",
                    "[N]",
                    "show the last N (default 100, at most 1000) messages with the peer, "
                            + "with delivery marks: (queued) (sent) (delivered) (FAILED: why); (unverified) on theirs",
                    false,
                    InputHandler::history),
            new SlashCommand(
                    "/search",
                    "[--all] TEXT",
                    "find the messages with these words in this conversation "
                            + "(--all: in every one); Up/Down choose a match, Enter jumps to it, Esc returns",
                    false,
                    InputHandler::search),
            new SlashCommand(
                    "/add",
                    "ONION [NICK]",
                    "add a contact, with a nickname shown instead of its address",
                    true,
                    InputHandler::add),
            new SlashCommand(
                    "/nick",
                    "NAME",
                    "give the current peer a nickname (it must be a contact)",
                    false,
                    InputHandler::nick),
            new SlashCommand(
                    "/block",
                    "[PEER]",
                    "drop their messages from now on (the current peer if none)",
                    true,
                    (in, arg) -> in.onPeer(ContactChange.Kind.BLOCK, "/block", arg)),
            new SlashCommand(
                    "/unblock",
                    "[PEER]",
                    "take their messages again",
                    true,
                    (in, arg) -> in.onPeer(ContactChange.Kind.UNBLOCK, "/unblock", arg)),
            new SlashCommand(
                    "/accept",
                    "[ONION] [NICK]",
                    "accept the current peer's request, or ONION's",
                    true,
                    InputHandler::accept),
            new SlashCommand(
                    "/remove",
                    "[PEER]",
                    "no longer a contact (the history stays); in a group you created, remove PEER from it",
                    true,
                    (in, arg) ->
                            in.state().currentPeer().filter(GroupBook::isGroup).isPresent()
                                    ? GroupInput.remove(in, arg)
                                    : in.onPeer(ContactChange.Kind.REMOVE, "/remove", arg)),
            new SlashCommand(
                    "/group",
                    "create NAME",
                    "create a group with you as its creator; its messages are signed by their authors and passed on "
                            + "by members, so unlike one-to-one messages they are not deniable",
                    false,
                    GroupInput::group),
            new SlashCommand(
                    "/invite",
                    "PEER...",
                    "invite contacts to the open group (you created it)",
                    true,
                    GroupInput::invite),
            new SlashCommand(
                    "/join",
                    "[GROUP]",
                    "accept an invitation (the open one, or the only one waiting)",
                    false,
                    GroupInput::join),
            new SlashCommand("/decline", "[GROUP]", "decline an invitation", false, GroupInput::decline),
            new SlashCommand("/leave", "[GROUP]", "leave a group (the open one)", false, GroupInput::leave),
            new SlashCommand("/members", "[GROUP]", "list a group's members", false, GroupInput::members),
            new SlashCommand(
                    "/mute",
                    "[PEER]",
                    "in a group: mute it (no bell, no unread count), or hide one member in it; only here",
                    true,
                    (in, arg) -> GroupInput.mute(in, arg, true)),
            new SlashCommand("/unmute", "[PEER]", "undo /mute", true, (in, arg) -> GroupInput.mute(in, arg, false)),
            new SlashCommand(
                    "/contacts",
                    "",
                    "list the contacts and the strangers' requests",
                    false,
                    (in, arg) -> Optional.of(new UiAction.ShowContacts())),
            new SlashCommand(
                    "/fileup",
                    "PATH",
                    "send the file PATH (on this machine) to the peer; its progress shows "
                            + "below the conversation: offered, sending n%, delivered (or FAILED: why)",
                    false,
                    InputHandler::fileUp),
            new SlashCommand(
                    "/acceptfile",
                    "[ID]",
                    "receive a file the peer offers (ID: the id shown with the offer; "
                            + "without it, the peer's only offer); it is saved in the daemon's downloads directory",
                    false,
                    (in, arg) -> in.decide(arg, true)),
            new SlashCommand("/rejectfile", "[ID]", "refuse a file offer", false, (in, arg) -> in.decide(arg, false)),
            new SlashCommand(
                    "/quit",
                    "",
                    "leave this client (the daemon keeps running and receiving)",
                    false,
                    (in, arg) -> Optional.of(new UiAction.Quit())),
            new SlashCommand(
                    "/exit",
                    "",
                    "stop the daemon, then leave",
                    false,
                    (in, arg) -> Optional.of(new UiAction.StopDaemon())),
            new SlashCommand("/help", "", "this text", false, InputHandler::help));

    /** After the commands in /help. */
    static final List<String> HELP_FOOTER = List.of(
            "  //text  send a line that starts with '/'",
            "Keys: Up/Down input history, Tab completes, PgUp/PgDn scroll, Ctrl-A/E/U/K/W edit, Ctrl-C or Ctrl-D "
                    + "leave.");

    private SlashCommands() {}

    static Optional<SlashCommand> find(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(c -> c.name().equals(wanted)).findFirst();
    }

    static List<String> names() {
        return ALL.stream().map(SlashCommand::name).toList();
    }

    /** Commands whose first argument is a peer: Tab completes addresses and nicknames there. */
    static List<String> peerCommands() {
        return ALL.stream()
                .filter(SlashCommand::completesPeer)
                .map(SlashCommand::name)
                .toList();
    }

    /** What /help shows: a line per command, then the footer. */
    static List<String> help() {
        List<String> lines = new java.util.ArrayList<>();
        lines.add("Commands:");
        ALL.forEach(c -> lines.add(c.helpLine()));
        lines.addAll(HELP_FOOTER);
        return List.copyOf(lines);
    }
}
