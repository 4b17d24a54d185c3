package org.torchat.tui.cli;

import java.util.concurrent.Callable;
import org.torchat.tui.TorchatException;
import org.torchat.tui.daemon.ContactChange;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** The contact commands that take one peer (address or nickname) and nothing else; silent on success. */
abstract class PeerChangeCommand implements Callable<Integer> {
    @Mixin
    DaemonOptions daemon;

    @Parameters(index = "0", paramLabel = "PEER", description = "The onion address or nickname of the peer.")
    String peer;

    abstract ContactChange.Kind kind();

    @Override
    public Integer call() throws TorchatException {
        daemon.connect().changeContact(ContactChange.of(kind(), PeerArgument.parse(peer)));
        return 0;
    }
}
