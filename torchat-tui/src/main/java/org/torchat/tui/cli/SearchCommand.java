package org.torchat.tui.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.torchat.protocol.Json;
import org.torchat.protocol.text.TerminalText;
import org.torchat.tui.TorchatException;
import org.torchat.tui.UsageException;
import org.torchat.tui.daemon.HistoryEntry;
import org.torchat.tui.daemon.SearchMatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code torchat search TEXT [PEER] [--json]}: stored messages by their words, searched by the daemon. */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        description = "Print the stored messages that contain every word of TEXT (the last word may be the start "
                + "of a word; letter case and accents do not matter), newest first, in the conversation with PEER or "
                + "in all of them: 'PEER  [date] < text' for theirs, 'PEER  [date] > text (status)' for yours. "
                + "The daemon searches its index (SEARCH); nothing is marked read.")
public final class SearchCommand implements Callable<Integer> {
    static final int MAX = 200;

    @Mixin
    DaemonOptions daemon;

    @Parameters(index = "0", paramLabel = "TEXT", description = "The words to find (quote several).")
    String text;

    @Parameters(
            index = "1",
            arity = "0..1",
            paramLabel = "PEER",
            description = "Only the conversation with this peer: an onion address or a contact's nickname.")
    String peer;

    @Option(
            names = {"-n", "--count"},
            defaultValue = "50",
            paramLabel = "N",
            description = "At most N matches, 1..200 (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(
            names = "--json",
            description = "One JSON object per match instead: peer, time, direction, status, "
                    + "text, newer (messages after it in its conversation), and verified or error when there is one.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws TorchatException {
        if (text.isBlank()) {
            throw new UsageException("TEXT is empty: what should be found?");
        }
        if (count < 1 || count > MAX) {
            throw new UsageException("-n must be 1.." + MAX + ", got " + count);
        }
        String named = peer == null ? null : PeerArgument.parse(peer);
        PrintWriter out = spec.commandLine().getOut();
        for (SearchMatch m : daemon.connect().search(named, text, count)) {
            out.println(
                    json
                            ? json(m)
                            : TerminalText.indented(m.peer() + "  " + m.entry().display(), ReadCommand.CONTINUATION));
        }
        out.flush();
        return 0;
    }

    static String json(SearchMatch m) {
        HistoryEntry e = m.entry();
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("peer", m.peer());
        node.put("direction", e.incoming() ? "in" : "out");
        if (e.error() != null) {
            node.put("error", e.error());
        }
        node.put("newer", m.newer());
        node.put("status", e.status());
        node.put("text", e.text());
        node.put("time", e.time());
        if (e.verified() != null) {
            node.put("verified", e.verified());
        }
        return node.toString();
    }
}
