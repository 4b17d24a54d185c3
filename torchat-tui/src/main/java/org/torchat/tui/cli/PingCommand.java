package org.torchat.tui.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.torchat.tui.TorchatException;
import org.torchat.tui.UsageException;
import org.torchat.tui.daemon.DaemonApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code torchat ping PEER [-c N]}: round trips over the session with a contact, one line each. */
@Command(
        name = "ping",
        mixinStandardHelpOptions = true,
        description = {
            "Measure the round trip to a contact's daemon over the session between you (PING):",
            "the path every message takes. Prints one line per echo, a second apart. Fails (exit 1) when",
            "there is no session: the contact is offline, or its daemon does not open sessions."
        })
public final class PingCommand implements Callable<Integer> {
    @Mixin
    DaemonOptions daemon;

    @Parameters(index = "0", paramLabel = "PEER", description = "The contact's onion address, or its nickname.")
    String peer;

    @Option(
            names = {"-c", "--count"},
            paramLabel = "N",
            defaultValue = "1",
            description = "How many echoes (default ${DEFAULT-VALUE}).")
    int count;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws TorchatException, InterruptedException {
        if (count < 1 || count > 1000) {
            throw new UsageException("--count must be between 1 and 1000, got " + count);
        }
        String onion = PeerArgument.parse(peer);
        DaemonApi api = daemon.connect();
        PrintWriter out = spec.commandLine().getOut();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                TimeUnit.SECONDS.sleep(1);
            }
            double millis = api.ping(onion);
            out.println(String.format(Locale.ROOT, "%s: round trip %.1f ms", onion, millis));
            out.flush();
        }
        return 0;
    }
}
