package org.torchat.tui.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.torchat.protocol.text.TerminalText;
import org.torchat.tui.TorchatException;
import org.torchat.tui.daemon.DaemonApi;
import org.torchat.tui.daemon.IncomingMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code torchat read ONION}: pops and prints every unread message of a peer. */
@Command(
        name = "read",
        mixinStandardHelpOptions = true,
        description = {
            "Print all unread messages of a peer as '[HH:MM] text', oldest first (UPDATE until END).",
            "They are then read: the daemon forgets them."
        })
public final class ReadCommand implements Callable<Integer> {
    /** Under {@code [HH:MM] }: a peer's line break cannot start a line that looks like a message of its own. */
    static final String CONTINUATION = "        ";

    @Mixin
    DaemonOptions daemon;

    @Parameters(index = "0", paramLabel = "PEER", description = "The peer's onion address, or a contact's nickname.")
    String peer;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws TorchatException {
        String onion = PeerArgument.parse(peer);
        DaemonApi api = daemon.connect();
        PrintWriter out = spec.commandLine().getOut();
        try {
            Optional<IncomingMessage> next;
            while ((next = api.popUnread(onion)).isPresent()) {
                out.println(TerminalText.indented(next.get().display(), CONTINUATION));
                out.flush();
            }
        } finally {
            out.flush();
        }
        return 0;
    }
}
