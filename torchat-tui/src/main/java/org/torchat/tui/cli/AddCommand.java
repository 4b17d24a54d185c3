package org.torchat.tui.cli;

import org.torchat.tui.daemon.ContactChange;
import picocli.CommandLine.Command;

/** {@code torchat add ONION [NICK]}. */
@Command(
        name = "add",
        mixinStandardHelpOptions = true,
        description = {"Add a contact (ADD_CONTACT), with a nickname usable wherever an address is."})
public final class AddCommand extends AddressChangeCommand {
    @Override
    ContactChange.Kind kind() {
        return ContactChange.Kind.ADD;
    }
}
