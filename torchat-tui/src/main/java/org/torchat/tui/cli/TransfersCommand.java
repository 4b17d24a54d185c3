package org.torchat.tui.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.torchat.protocol.text.TerminalText;
import org.torchat.tui.TorchatException;
import org.torchat.tui.daemon.TransferEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code torchat transfers [--json]}: the daemon's file transfers, both directions. */
@Command(
        name = "transfers",
        mixinStandardHelpOptions = true,
        description = {
            "Print the daemon's file transfers, oldest first (TRANSFERS): id, direction (< from the",
            "peer, > to the peer), peer, name, size and state; a received file's saved path."
        })
public final class TransfersCommand implements Callable<Integer> {
    @Mixin
    DaemonOptions daemon;

    @Option(
            names = "--json",
            description = {
                "One JSON object per transfer instead: id, peer, name, direction",
                "(in/out), state, size, offset, and path or error when there is one."
            })
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws TorchatException {
        PrintWriter out = spec.commandLine().getOut();
        for (TransferEntry t : daemon.connect().transfers()) {
            out.println(json ? json(t) : TerminalText.oneLine(t.transferId() + " " + t.peer() + " " + t.display()));
        }
        out.flush();
        return 0;
    }

    static String json(TransferEntry t) {
        com.fasterxml.jackson.databind.node.ObjectNode node = org.torchat.protocol.Json.MAPPER.createObjectNode();
        node.put("id", t.transferId());
        node.put("peer", t.peer());
        node.put("name", t.name());
        node.put("direction", t.incoming() ? "in" : "out");
        node.put("state", t.state());
        node.put("size", t.size());
        node.put("offset", t.offset());
        if (t.path() != null) {
            node.put("path", t.path());
        }
        if (t.error() != null) {
            node.put("error", t.error());
        }
        return node.toString();
    }
}
