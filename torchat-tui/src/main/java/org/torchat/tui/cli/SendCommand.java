package org.torchat.tui.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.torchat.tui.TorchatException;
import org.torchat.tui.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code torchat send ONION TEXT...}: silent on success. */
@Command(
        name = "send",
        mixinStandardHelpOptions = true,
        description = {
            "Send a message to a peer (SEND). The words of TEXT are joined with single spaces.",
            "Prints nothing when the daemon accepted it."
        })
public final class SendCommand implements Callable<Integer> {
    @Mixin
    DaemonOptions daemon;

    @Parameters(index = "0", paramLabel = "PEER", description = "The peer's onion address, or a contact's nickname.")
    String peer;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "TEXT", description = "The message.")
    List<String> words;

    @Override
    public Integer call() throws TorchatException {
        String onion = PeerArgument.parse(peer);
        String text = String.join(" ", words);
        if (text.isBlank()) {
            throw new UsageException("the message is empty: nothing to send");
        }
        daemon.connect().send(onion, text);
        return 0;
    }
}
