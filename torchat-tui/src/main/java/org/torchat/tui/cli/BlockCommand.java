package org.torchat.tui.cli;

import java.util.concurrent.Callable;
import org.torchat.tui.TorchatException;
import org.torchat.tui.daemon.ContactChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code torchat block PEER}: silent on success. */
@Command(name = "block", mixinStandardHelpOptions = true,
        description = {"Block a peer (BLOCK): its messages are dropped before they are stored, and counted.", "The sender is not told: it sees its messages acknowledged as usual."})
public final class BlockCommand implements Callable<Integer> {
    @Mixin
    DaemonOptions daemon;

    @Parameters(index = "0", paramLabel = "PEER", description = "The onion address or nickname of the peer.")
    String peer;

    @Override
    public Integer call() throws TorchatException {
        daemon.connect().changeContact(ContactChange.of(ContactChange.Kind.BLOCK, PeerArgument.parse(peer)));
        return 0;
    }
}
