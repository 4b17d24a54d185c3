package org.torchat.tui.cli;

import org.torchat.tui.daemon.ContactChange;
import picocli.CommandLine.Command;

/** {@code torchat block PEER}. */
@Command(
        name = "block",
        mixinStandardHelpOptions = true,
        description = {
            "Block a peer (BLOCK): its messages are dropped before they are stored, and counted.",
            "The sender is not told: it sees its messages acknowledged as usual."
        })
public final class BlockCommand extends PeerChangeCommand {
    @Override
    ContactChange.Kind kind() {
        return ContactChange.Kind.BLOCK;
    }
}
