package org.torchat.tui.cli;

import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import org.torchat.tui.TorchatException;
import org.torchat.tui.daemon.ContactEntry;
import org.torchat.tui.daemon.DaemonApi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code torchat contacts} and {@code torchat requests}: a line per entry, or one JSON array. */
abstract class ContactListingCommand implements Callable<Integer> {
    @Mixin
    DaemonOptions daemon;

    @Option(names = "--json", description = "Print one JSON array of objects instead ([] when none).")
    boolean json;

    @Spec
    CommandSpec spec;

    abstract List<ContactEntry> fetch(DaemonApi api) throws TorchatException;

    abstract String line(ContactEntry entry, ZoneId zone);

    @Override
    public Integer call() throws TorchatException {
        List<ContactEntry> entries = fetch(daemon.connect());
        ContactFormat.print(entries, json, this::line, spec.commandLine().getOut());
        return 0;
    }
}
