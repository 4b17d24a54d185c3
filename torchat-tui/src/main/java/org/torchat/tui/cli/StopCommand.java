package org.torchat.tui.cli;

import java.util.concurrent.Callable;
import org.torchat.tui.TorchatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code torchat stop}: asks the daemon to exit. */
@Command(name = "stop", mixinStandardHelpOptions = true, description = "Shut the daemon down cleanly (EXIT).")
public final class StopCommand implements Callable<Integer> {
    @Mixin
    DaemonOptions daemon;

    @Override
    public Integer call() throws TorchatException {
        daemon.connect().stop();
        return 0;
    }
}
