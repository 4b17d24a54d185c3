package org.torchat.tui.cli;

import java.util.concurrent.Callable;
import org.torchat.tui.TorchatException;
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
            "A group's commands (GROUP: its id, or a name no other group has). Groups are being built:",
            "so far a group is created and listed here; invitations and messages come next (docs/GROUPS.md)."
        },
        subcommands = {GroupCommand.Create.class, GroupCommand.Members.class})
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
}
