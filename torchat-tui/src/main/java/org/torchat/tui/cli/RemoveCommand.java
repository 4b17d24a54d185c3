package org.torchat.tui.cli;

import java.util.concurrent.Callable;
import org.torchat.tui.TorchatException;
import org.torchat.tui.daemon.ContactChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code torchat remove PEER}: silent on success. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = {"Remove a contact (REMOVE_CONTACT): its nickname goes, its history stays."})
public final class RemoveCommand implements Callable<Integer> {
    @Mixin
    DaemonOptions daemon;

    @Parameters(index = "0", paramLabel = "PEER", description = "The onion address or nickname of the peer.")
    String peer;

    @Override
    public Integer call() throws TorchatException {
        daemon.connect().changeContact(ContactChange.of(ContactChange.Kind.REMOVE, PeerArgument.parse(peer)));
        return 0;
    }
}
