package org.torchat.tui.cli;

import java.util.concurrent.Callable;
import org.torchat.tui.TorchatException;
import org.torchat.tui.daemon.ContactChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code torchat add ONION [NICK]}: silent on success. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Add a contact (ADD_CONTACT), with a nickname usable wherever an address is."})
public final class AddCommand implements Callable<Integer> {
    @Mixin
    DaemonOptions daemon;

    @Parameters(index = "0", paramLabel = "ONION", description = "The v3 onion address.")
    String peer;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NICK",
            description = "A nickname (at most 30 characters, unique, not like an address); quote it if it has spaces.")
    String nickname;

    @Override
    public Integer call() throws TorchatException {
        daemon.connect().changeContact(new ContactChange(ContactChange.Kind.ADD, OnionArgument.parse(peer), PeerArgument.nickname(nickname)));
        return 0;
    }
}
