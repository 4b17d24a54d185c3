package org.torchat.tui.cli;

import java.util.concurrent.Callable;
import org.torchat.tui.TorchatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code torchat status}: the daemon's state in one line (Tor's bootstrap, our onion service), and once tor accepted
 * our onion service, a second line with the defences tor gave it.
 */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Print the daemon's state: Tor's bootstrap progress, whether our onion service is published, "
                + "and the defences tor gave it.")
public final class StatusCommand implements Callable<Integer> {
    @Mixin
    DaemonOptions daemon;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws TorchatException {
        for (String line : daemon.connect().statusReport()) {
            spec.commandLine().getOut().println(line);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
