package org.torchat.tui.cli;

import java.util.concurrent.Callable;
import org.torchat.tui.TorchatException;
import org.torchat.tui.daemon.ContactChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code torchat nick PEER NEWNAME}: silent on success. */
@Command(
        name = "nick",
        mixinStandardHelpOptions = true,
        description = {"Give a contact a new nickname (RENAME); an empty NEWNAME (\"\") removes it."})
public final class NickCommand implements Callable<Integer> {
    @Mixin
    DaemonOptions daemon;

    @Parameters(index = "0", paramLabel = "PEER", description = "The onion address or nickname of the peer.")
    String peer;

    @Parameters(index = "1", paramLabel = "NEWNAME", description = "The new nickname, or \"\" for none.")
    String newName;

    @Override
    public Integer call() throws TorchatException {
        String nickname = newName.isEmpty() ? null : PeerArgument.nickname(newName);
        daemon.connect()
                .changeContact(new ContactChange(ContactChange.Kind.RENAME, PeerArgument.parse(peer), nickname));
        return 0;
    }
}
