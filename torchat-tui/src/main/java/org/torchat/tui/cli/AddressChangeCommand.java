package org.torchat.tui.cli;

import java.util.concurrent.Callable;
import org.torchat.tui.TorchatException;
import org.torchat.tui.daemon.ContactChange;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** The contact commands that take an onion address and an optional nickname (add, accept); silent on success. */
abstract class AddressChangeCommand implements Callable<Integer> {
    @Mixin
    DaemonOptions daemon;

    @Parameters(index = "0", paramLabel = "ONION", description = "The v3 onion address.")
    String peer;

    @Parameters(
            index = "1",
            arity = "0..1",
            paramLabel = "NICK",
            description = "A nickname (at most 30 characters, unique, not like an address); quote it if it has spaces.")
    String nickname;

    abstract ContactChange.Kind kind();

    @Override
    public Integer call() throws TorchatException {
        daemon.connect()
                .changeContact(new ContactChange(kind(), OnionArgument.parse(peer), PeerArgument.nickname(nickname)));
        return 0;
    }
}
