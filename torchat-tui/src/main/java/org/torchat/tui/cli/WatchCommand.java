package org.torchat.tui.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.torchat.protocol.Json;
import org.torchat.tui.TorchatException;
import org.torchat.tui.UsageException;
import org.torchat.tui.daemon.DaemonApi;
import org.torchat.tui.daemon.IncomingMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code torchat watch}: prints incoming messages as JSON lines until interrupted, using the daemon's long poll
 * (GET_PEERS with {@code wait}, then UPDATE until END): no busy polling, and each message printed within
 * milliseconds of its arrival.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Print incoming messages as they arrive, one JSON object per line:",
            "{\"peer\":\"<onion>\",\"text\":\"...\",\"time\":\"HH:MM\"}. They are then read (as with 'read').",
            "Runs until interrupted (Ctrl-C) or, with --count, until N messages were printed.",
            "Waits with the daemon's long poll: an idle watch makes one request every 25 s.",
            "Exits 3 when the daemon goes away."})
public final class WatchCommand implements Callable<Integer> {
    static final Duration WAIT = Duration.ofSeconds(25);
    /** A round that printed nothing lasts at least this long: a daemon that ignores wait is polled, not hammered. */
    static final Duration MIN_ROUND = Duration.ofMillis(500);

    @Mixin
    DaemonOptions daemon;

    @Option(names = {"-n", "--count"}, paramLabel = "N", description = "Exit (0) after printing N messages.")
    Integer count;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws TorchatException, InterruptedException {
        if (count != null && count < 1) {
            throw new UsageException("--count must be at least 1, got " + count);
        }
        DaemonApi api = daemon.connect();
        PrintWriter out = spec.commandLine().getOut();
        int printed = 0;
        while (true) {
            long start = System.nanoTime();
            List<String> peers = api.awaitPeersWithUnread(WAIT);
            boolean any = false;
            for (String peer : peers) {
                Optional<IncomingMessage> next;
                while ((next = api.popUnread(peer)).isPresent()) {
                    out.println(json(next.get()));
                    out.flush();
                    any = true;
                    if (count != null && ++printed >= count) {
                        return 0;
                    }
                }
            }
            long pause = MIN_ROUND.toNanos() - (System.nanoTime() - start);
            if (!any && pause > 0) {
                TimeUnit.NANOSECONDS.sleep(pause);
            }
        }
    }

    static String json(IncomingMessage m) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("peer", m.peer());
        node.put("text", m.text());
        node.put("time", m.time());
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON object always serialises", e);
        }
    }
}
