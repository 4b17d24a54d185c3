package org.torchat.tui.cli;

import java.time.ZoneId;
import java.util.List;
import org.torchat.tui.TorchatException;
import org.torchat.tui.daemon.ContactEntry;
import org.torchat.tui.daemon.DaemonApi;
import picocli.CommandLine.Command;

/** {@code torchat contacts}: the contact list, a line each. */
@Command(
        name = "contacts",
        mixinStandardHelpOptions = true,
        description = {
            "Print the contacts (and blocked addresses), a line each (CONTACTS):",
            "'ADDRESS  NICKNAME  N unread  last seen DATE', then 'verified' and 'BLOCKED (N dropped)' where they apply."
        })
public final class ContactsCommand extends ContactListingCommand {
    @Override
    List<ContactEntry> fetch(DaemonApi api) throws TorchatException {
        return api.contacts();
    }

    @Override
    String line(ContactEntry entry, ZoneId zone) {
        return ContactFormat.contactLine(entry, zone);
    }
}
