package org.torchat.tui.cli;

import java.util.concurrent.Callable;
import org.torchat.tui.TorchatException;
import org.torchat.tui.daemon.ContactChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code torchat accept ONION [NICK]}: silent on success. */
@Command(name = "accept", mixinStandardHelpOptions = true,
        description = {"Accept the request of a stranger who wrote to us (ACCEPT): it becomes a contact.", "torchat requests lists them."})
public final class AcceptCommand implements Callable<Integer> {
    @Mixin
    DaemonOptions daemon;

    @Parameters(index = "0", paramLabel = "ONION", description = "The v3 onion address.")
    String peer;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NICK",
            description = "A nickname (at most 30 characters, unique, not like an address); quote it if it has spaces.")
    String nickname;

    @Override
    public Integer call() throws TorchatException {
        daemon.connect().changeContact(new ContactChange(ContactChange.Kind.ACCEPT, OnionArgument.parse(peer), PeerArgument.nickname(nickname)));
        return 0;
    }
}
