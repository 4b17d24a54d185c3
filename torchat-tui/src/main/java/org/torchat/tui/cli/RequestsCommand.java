package org.torchat.tui.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.torchat.tui.TorchatException;
import org.torchat.tui.daemon.ContactEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code torchat requests}: strangers who wrote to us, with their first message. */
@Command(name = "requests", mixinStandardHelpOptions = true,
        description = {"Print the strangers who wrote to us, a line each (REQUESTS):",
            "'ADDRESS  N unread  last seen DATE  \"first message\"'. Answer with accept or block."})
public final class RequestsCommand implements Callable<Integer> {
    @Mixin
    DaemonOptions daemon;

    @Option(names = "--json", description = "Print one JSON array of objects instead ([] when none).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws TorchatException {
        List<ContactEntry> requests = daemon.connect().requests();
        ContactFormat.print(requests, json, ContactFormat::requestLine, spec.commandLine().getOut());
        return 0;
    }
}
