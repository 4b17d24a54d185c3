package org.torchat.tui.cli;

import java.util.concurrent.Callable;
import org.torchat.tui.TorchatException;
import org.torchat.tui.daemon.ContactChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code torchat unblock PEER}: silent on success. */
@Command(name = "unblock", mixinStandardHelpOptions = true,
        description = {"Unblock a peer (UNBLOCK): its messages are stored again (the dropped ones are gone)."})
public final class UnblockCommand implements Callable<Integer> {
    @Mixin
    DaemonOptions daemon;

    @Parameters(index = "0", paramLabel = "PEER", description = "The onion address or nickname of the peer.")
    String peer;

    @Override
    public Integer call() throws TorchatException {
        daemon.connect().changeContact(ContactChange.of(ContactChange.Kind.UNBLOCK, PeerArgument.parse(peer)));
        return 0;
    }
}
