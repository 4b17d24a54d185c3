package org.torchat.tui.cli;

import java.util.concurrent.Callable;
import org.torchat.tui.TorchatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code torchat groups [--json]}: the groups the daemon knows. */
@Command(
        name = "groups",
        mixinStandardHelpOptions = true,
        description = {
            "Print the groups, a line each (GROUPS): 'ID  NAME  STATE  N members  N unread'.",
            "STATE is member, invited, declined, left or removed."
        })
public final class GroupsCommand implements Callable<Integer> {
    @Mixin
    DaemonOptions daemon;

    @Option(names = "--json", description = "One JSON array of {id, name, state, members, unread, creator}.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws TorchatException {
        GroupFormat.groups(daemon.connect().groups(), json, spec.commandLine().getOut());
        return 0;
    }
}
