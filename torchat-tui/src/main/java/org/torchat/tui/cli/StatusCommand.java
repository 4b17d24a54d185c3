package org.torchat.tui.cli;

import java.util.concurrent.Callable;
import org.torchat.tui.TorchatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code torchat status}: the daemon's state in one line (Tor's bootstrap, our onion service). */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Print the daemon's state: Tor's bootstrap progress and whether our onion service is published.")
public final class StatusCommand implements Callable<Integer> {
    @Mixin
    DaemonOptions daemon;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws TorchatException {
        spec.commandLine().getOut().println(daemon.connect().status());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
