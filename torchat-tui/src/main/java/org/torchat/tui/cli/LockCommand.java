package org.torchat.tui.cli;

import java.util.concurrent.Callable;
import org.torchat.tui.TorchatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code torchat lock}: the daemon forgets the key of sealed history; it goes on receiving (docs/SEALING.md). */
@Command(
        name = "lock",
        mixinStandardHelpOptions = true,
        description = "Lock the daemon's sealed history again: clients cannot read it until 'torchat unlock'.")
public final class LockCommand implements Callable<Integer> {
    @Mixin
    DaemonOptions daemon;

    @Override
    public Integer call() throws TorchatException {
        daemon.connect().lock();
        return 0;
    }
}
