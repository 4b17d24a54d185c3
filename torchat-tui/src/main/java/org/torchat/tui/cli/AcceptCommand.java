package org.torchat.tui.cli;

import org.torchat.tui.daemon.ContactChange;
import picocli.CommandLine.Command;

/** {@code torchat accept ONION [NICK]}. */
@Command(
        name = "accept",
        mixinStandardHelpOptions = true,
        description = {
            "Accept the request of a stranger who wrote to us (ACCEPT): it becomes a contact.",
            "torchat requests lists them."
        })
public final class AcceptCommand extends AddressChangeCommand {
    @Override
    ContactChange.Kind kind() {
        return ContactChange.Kind.ACCEPT;
    }
}
