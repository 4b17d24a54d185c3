package org.torchat.tui.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.torchat.tui.TorchatException;
import org.torchat.tui.UsageException;
import org.torchat.tui.daemon.DaemonApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code torchat group ...}: one group's commands (issue 16). GROUP is a group's id or its unique name. */
@Command(
        name = "group",
        mixinStandardHelpOptions = true,
        description = {
            "A group's commands (GROUP: its id, or a name no other group has; PEER: an address or a",
            "contact's nickname). Group messages are signed by their authors and passed on by members,",
            "so, unlike one-to-one messages, they are not deniable (docs/GROUPS.md)."
        },
        subcommands = {
            GroupCommand.Create.class,
            GroupCommand.Invite.class,
            GroupCommand.Invites.class,
            GroupCommand.Join.class,
            GroupCommand.Decline.class,
            GroupCommand.Leave.class,
            GroupCommand.Remove.class,
            GroupCommand.Members.class,
            GroupCommand.Send.class,
            GroupCommand.History.class,
            GroupCommand.Mute.class
        })
public final class GroupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** {@code torchat group} alone: a usage error naming what it can do. */
    @Override
    public Integer call() {
        throw new ParameterException(
                spec.commandLine(),
                "say what to do with a group: "
                        + String.join(", ", spec.subcommands().keySet()));
    }

    /** {@code torchat group create NAME}: prints the new group's id. */
    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Create a group with you as its creator (GROUP_CREATE); prints its id.")
    public static final class Create implements Callable<Integer> {
        @Mixin
        DaemonOptions daemon;

        @Parameters(index = "0", paramLabel = "NAME", description = "The group's name (at most 64 characters).")
        String name;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws TorchatException {
            spec.commandLine().getOut().println(daemon.connect().createGroup(name));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** {@code torchat group members GROUP [--json]}. */
    @Command(
            name = "members",
            mixinStandardHelpOptions = true,
            description = "Print a group's members, a line each (GROUP_MEMBERS): 'ADDRESS  NICKNAME', then 'creator'.")
    public static final class Members implements Callable<Integer> {
        @Mixin
        DaemonOptions daemon;

        @Parameters(index = "0", paramLabel = "GROUP", description = "The group's id, or its unique name.")
        String group;

        @Option(names = "--json", description = "One JSON array of {address, nickname, creator}.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws TorchatException {
            GroupFormat.members(
                    daemon.connect().groupMembers(group),
                    json,
                    spec.commandLine().getOut());
            return 0;
        }
    }

    /** {@code torchat group invite GROUP PEER...}. */
    @Command(
            name = "invite",
            mixinStandardHelpOptions = true,
            description = "Invite contacts to a group you created (GROUP_INVITE); they hear of it when next online.")
    public static final class Invite implements Callable<Integer> {
        @Mixin
        DaemonOptions daemon;

        @Parameters(index = "0", paramLabel = "GROUP", description = "The group's id, or its unique name.")
        String group;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "PEER", description = "Contacts to invite.")
        List<String> peers;

        @Override
        public Integer call() throws TorchatException {
            daemon.connect().inviteToGroup(group, peers);
            return 0;
        }
    }

    /** {@code torchat group invites [--json]}. */
    @Command(
            name = "invites",
            mixinStandardHelpOptions = true,
            description =
                    "Print the invitations you have not answered, a line each: 'ID  NAME  from INVITER  N members'.")
    public static final class Invites implements Callable<Integer> {
        @Mixin
        DaemonOptions daemon;

        @Option(names = "--json", description = "One JSON array of {id, name, invitedBy, creator, members}.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws TorchatException {
            GroupFormat.invitations(
                    daemon.connect().groupInvites(), json, spec.commandLine().getOut());
            return 0;
        }
    }

    /** {@code torchat group join|decline|leave GROUP}: one step, said to the group's creator. */
    abstract static class Step implements Callable<Integer> {
        @Mixin
        DaemonOptions daemon;

        @Parameters(index = "0", paramLabel = "GROUP", description = "The group's id, or its unique name.")
        String group;

        abstract org.torchat.protocol.Command step();

        @Override
        public Integer call() throws TorchatException {
            daemon.connect().groupStep(step(), group);
            return 0;
        }
    }

    @Command(
            name = "join",
            mixinStandardHelpOptions = true,
            description = "Accept an invitation (GROUP_JOIN): a member once its creator has added you.")
    public static final class Join extends Step {
        @Override
        org.torchat.protocol.Command step() {
            return org.torchat.protocol.Command.GROUP_JOIN;
        }
    }

    @Command(name = "decline", mixinStandardHelpOptions = true, description = "Decline an invitation (GROUP_DECLINE).")
    public static final class Decline extends Step {
        @Override
        org.torchat.protocol.Command step() {
            return org.torchat.protocol.Command.GROUP_DECLINE;
        }
    }

    @Command(
            name = "leave",
            mixinStandardHelpOptions = true,
            description = "Leave a group (GROUP_LEAVE): nothing of it is taken from now on.")
    public static final class Leave extends Step {
        @Override
        org.torchat.protocol.Command step() {
            return org.torchat.protocol.Command.GROUP_LEAVE;
        }
    }

    /** {@code torchat group remove GROUP PEER}. */
    @Command(
            name = "remove",
            mixinStandardHelpOptions = true,
            description = "Remove a member from a group you created, or withdraw an invitation (GROUP_REMOVE).")
    public static final class Remove implements Callable<Integer> {
        @Mixin
        DaemonOptions daemon;

        @Parameters(index = "0", paramLabel = "GROUP", description = "The group's id, or its unique name.")
        String group;

        @Parameters(index = "1", paramLabel = "PEER", description = "The member's address, or a contact's nickname.")
        String peer;

        @Override
        public Integer call() throws TorchatException {
            daemon.connect().removeFromGroup(group, peer);
            return 0;
        }
    }

    /** {@code torchat group send GROUP TEXT...}. */
    @Command(
            name = "send",
            mixinStandardHelpOptions = true,
            description = "Write to a group (GROUP_SEND); prints nothing, exits 0 once stored and on its way.")
    public static final class Send implements Callable<Integer> {
        @Mixin
        DaemonOptions daemon;

        @Parameters(index = "0", paramLabel = "GROUP", description = "The group's id, or its unique name.")
        String group;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "TEXT", description = "The message.")
        List<String> words;

        @Override
        public Integer call() throws TorchatException {
            daemon.connect().sendToGroup(group, String.join(" ", words));
            return 0;
        }
    }

    /** {@code torchat group history GROUP [N] [--json]}. */
    @Command(
            name = "history",
            mixinStandardHelpOptions = true,
            description = {
                "Print a group's last messages, oldest first: '[date] AUTHOR: text', the author as your",
                "nickname for them or the start of their address. Marks nothing read."
            })
    public static final class History implements Callable<Integer> {
        @Mixin
        DaemonOptions daemon;

        @Parameters(index = "0", paramLabel = "GROUP", description = "The group's id, or its unique name.")
        String group;

        @Parameters(index = "1", arity = "0..1", paramLabel = "N", description = "How many, 1..1000 (default 20).")
        Integer count;

        @Option(
                names = "--json",
                description = "One JSON object per message: group, author, nickname, text, time, seq.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws TorchatException {
            int n = count == null ? 20 : count;
            if (n < 1 || n > 1000) {
                throw new UsageException("N must be 1..1000, got " + n);
            }
            DaemonApi api = daemon.connect();
            GroupFormat.posts(
                    api.groupHistory(group, n),
                    GroupFormat.nicknames(api),
                    api.host(),
                    json,
                    spec.commandLine().getOut());
            return 0;
        }
    }

    /** {@code torchat group mute GROUP [PEER] [--off]}. */
    @Command(
            name = "mute",
            mixinStandardHelpOptions = true,
            description = {
                "Mute a group, or one member in it (GROUP_MUTE). Local only: clients do not alert for a muted",
                "group's messages; a muted member's are never unread and are left out of its history. Both are",
                "still stored and passed on."
            })
    public static final class Mute implements Callable<Integer> {
        @Mixin
        DaemonOptions daemon;

        @Parameters(index = "0", paramLabel = "GROUP", description = "The group's id, or its unique name.")
        String group;

        @Parameters(index = "1", arity = "0..1", paramLabel = "PEER", description = "One member (default: the group).")
        String peer;

        @Option(names = "--off", description = "Unmute instead.")
        boolean off;

        @Override
        public Integer call() throws TorchatException {
            daemon.connect().muteInGroup(group, peer, !off);
            return 0;
        }
    }
}
