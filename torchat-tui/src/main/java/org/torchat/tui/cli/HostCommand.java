package org.torchat.tui.cli;

import java.util.concurrent.Callable;
import org.torchat.tui.TorchatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code torchat host}: prints our onion address. */
@Command(name = "host", mixinStandardHelpOptions = true, description = "Print the daemon's onion address (HOST).")
public final class HostCommand implements Callable<Integer> {
    @Mixin
    DaemonOptions daemon;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws TorchatException {
        String address = daemon.connect().host();
        spec.commandLine().getOut().println(address);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
