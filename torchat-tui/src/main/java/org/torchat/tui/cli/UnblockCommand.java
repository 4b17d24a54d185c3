package org.torchat.tui.cli;

import org.torchat.tui.daemon.ContactChange;
import picocli.CommandLine.Command;

/** {@code torchat unblock PEER}. */
@Command(
        name = "unblock",
        mixinStandardHelpOptions = true,
        description = {"Unblock a peer (UNBLOCK): its messages are stored again (the dropped ones are gone)."})
public final class UnblockCommand extends PeerChangeCommand {
    @Override
    ContactChange.Kind kind() {
        return ContactChange.Kind.UNBLOCK;
    }
}
