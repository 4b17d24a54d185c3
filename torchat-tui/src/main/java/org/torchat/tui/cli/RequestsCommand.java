package org.torchat.tui.cli;

import java.time.ZoneId;
import java.util.List;
import org.torchat.tui.TorchatException;
import org.torchat.tui.daemon.ContactEntry;
import org.torchat.tui.daemon.DaemonApi;
import picocli.CommandLine.Command;

/** {@code torchat requests}: strangers who wrote to us, with their first message. */
@Command(
        name = "requests",
        mixinStandardHelpOptions = true,
        description = {
            "Print the strangers who wrote to us, a line each (REQUESTS):",
            "'ADDRESS  N unread  last seen DATE  \"first message\"'. Answer with accept or block."
        })
public final class RequestsCommand extends ContactListingCommand {
    @Override
    List<ContactEntry> fetch(DaemonApi api) throws TorchatException {
        return api.requests();
    }

    @Override
    String line(ContactEntry entry, ZoneId zone) {
        return ContactFormat.requestLine(entry, zone);
    }
}
