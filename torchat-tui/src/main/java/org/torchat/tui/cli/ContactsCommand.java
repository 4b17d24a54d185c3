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

/** {@code torchat contacts}: the contact list, a line each. */
@Command(name = "contacts", mixinStandardHelpOptions = true,
        description = {"Print the contacts (and blocked addresses), a line each (CONTACTS):",
            "'ADDRESS  NICKNAME  N unread  last seen DATE', then 'verified' and 'BLOCKED (N dropped)' where they apply."})
public final class ContactsCommand implements Callable<Integer> {
    @Mixin
    DaemonOptions daemon;

    @Option(names = "--json", description = "Print one JSON array of objects instead ([] when none).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws TorchatException {
        List<ContactEntry> contacts = daemon.connect().contacts();
        ContactFormat.print(contacts, json, ContactFormat::contactLine, spec.commandLine().getOut());
        return 0;
    }
}
