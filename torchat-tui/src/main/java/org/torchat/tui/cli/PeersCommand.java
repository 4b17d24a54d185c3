package org.torchat.tui.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.torchat.tui.TorchatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code torchat peers}: the peers with unread messages, one per line. */
@Command(
        name = "peers",
        mixinStandardHelpOptions = true,
        description = "Print the peers that have unread messages, one per line, oldest first (GET_PEERS).")
public final class PeersCommand implements Callable<Integer> {
    @Mixin
    DaemonOptions daemon;

    @Option(names = "--json", description = "Print one JSON array of addresses instead ([] when none).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws TorchatException {
        PrintWriter out = spec.commandLine().getOut();
        java.util.List<String> peers = daemon.connect().peersWithUnread();
        if (json) {
            com.fasterxml.jackson.databind.node.ArrayNode array = org.torchat.protocol.Json.MAPPER.createArrayNode();
            peers.forEach(array::add);
            out.println(array.toString());
        } else {
            for (String peer : peers) {
                out.println(peer);
            }
        }
        out.flush();
        return 0;
    }
}
