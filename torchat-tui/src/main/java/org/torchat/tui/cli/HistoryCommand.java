package org.torchat.tui.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.torchat.protocol.text.TerminalText;
import org.torchat.tui.TorchatException;
import org.torchat.tui.UsageException;
import org.torchat.tui.daemon.HistoryEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code torchat history ONION [-n N]}: the stored conversation with a peer, both directions. */
@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        description = {
            "Print the last messages with a peer, oldest first: '[date] < text' for theirs,",
            "'[date] > text (status)' for yours (queued, sent, delivered or failed). Marks nothing read."
        })
public final class HistoryCommand implements Callable<Integer> {
    static final int MAX = 1000;

    @Mixin
    DaemonOptions daemon;

    @Parameters(index = "0", paramLabel = "PEER", description = "The peer's onion address, or a contact's nickname.")
    String peer;

    @Parameters(
            index = "1",
            arity = "0..1",
            paramLabel = "N",
            description = "How many messages, 1..1000 (the same as -n; default 20).")
    Integer positionalCount;

    @Option(
            names = {"-n", "--count"},
            defaultValue = "20",
            paramLabel = "N",
            description = "How many messages, 1..1000 (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(
            names = "--json",
            description = {
                "One JSON object per message instead: time, direction (in/out),",
                "status, text, and error or verified when the daemon gives them."
            })
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws TorchatException {
        String onion = PeerArgument.parse(peer);
        int n = positionalCount != null ? positionalCount : count;
        if (n < 1 || n > MAX) {
            throw new UsageException("-n must be 1.." + MAX + ", got " + n);
        }
        PrintWriter out = spec.commandLine().getOut();
        for (HistoryEntry entry : daemon.connect().history(onion, n)) {
            out.println(json ? json(entry) : TerminalText.indented(entry.display(), ReadCommand.CONTINUATION));
        }
        out.flush();
        return 0;
    }

    static String json(HistoryEntry e) {
        com.fasterxml.jackson.databind.node.ObjectNode node = org.torchat.protocol.Json.MAPPER.createObjectNode();
        node.put("direction", e.incoming() ? "in" : "out");
        if (e.error() != null) {
            node.put("error", e.error());
        }
        node.put("status", e.status());
        node.put("text", e.text());
        node.put("time", e.time());
        if (e.verified() != null) {
            node.put("verified", e.verified());
        }
        return node.toString();
    }
}
