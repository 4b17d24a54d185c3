package org.torchat.tui.cli;

import org.torchat.tui.daemon.ContactChange;
import picocli.CommandLine.Command;

/** {@code torchat remove PEER}. */
@Command(
        name = "remove",
        mixinStandardHelpOptions = true,
        description = {"Remove a contact (REMOVE_CONTACT): its nickname goes, its history stays."})
public final class RemoveCommand extends PeerChangeCommand {
    @Override
    ContactChange.Kind kind() {
        return ContactChange.Kind.REMOVE;
    }
}
