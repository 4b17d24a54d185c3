package org.torchat.daemon.control;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.tor.AppliedDefences;
import org.torchat.daemon.tor.TorStatus;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/**
 * STATUS (protocol 2): one line for people in {@code msg}, and for programs: {@code tor} (starting,
 * bootstrapping, ready, restarting, closed, or none without a control port), {@code progress} (bootstrap %),
 * {@code published} (tor confirmed uploading our onion service descriptor), {@code proto}, and once tor accepted our
 * onion service, {@code defences}: what tor accepted of its own defences for it ({@code pow}: on, off or
 * unsupported; {@code powqueuerate}, {@code powqueueburst}; {@code maxstreams}, 0 for no limit); {@code history}:
 * clear, or sealed and locked or unlocked.
 */
public final class StatusHandler implements CommandHandler {
    private final OnionAddress self;
    private final Supplier<Optional<TorStatus>> tor;
    private final Supplier<String> history;

    /** {@code history}: whether history is sealed, and locked (docs/SEALING.md): clear, locked or unlocked. */
    public StatusHandler(OnionAddress self, Supplier<Optional<TorStatus>> tor, Supplier<String> history) {
        this.self = self;
        this.tor = tor;
        this.history = history;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws IOException {
        Optional<TorStatus> status = tor.get();
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        String line = status.map(TorStatus::describe)
                .orElse("no Tor control port: messages go out through the SOCKS port, " + self + " is not published");
        Message reply = Message.of(Command.STATUS, request.id(), request.portno(), line)
                .withExtension(Extensions.PROTO, nodes.numberNode(Extensions.PROTOCOL_VERSION))
                .withExtension(
                        "tor",
                        nodes.textNode(
                                status.map(s -> s.state().name().toLowerCase()).orElse("none")))
                .withExtension(
                        "progress",
                        nodes.numberNode(status.map(TorStatus::progress).orElse(0)))
                .withExtension(
                        "published",
                        nodes.booleanNode(status.map(TorStatus::published).orElse(false)))
                .withExtension(Extensions.HISTORY, nodes.textNode(history.get()));
        Optional<AppliedDefences> defences = status.map(TorStatus::defences);
        replies.send(defences.isEmpty() ? reply : reply.withExtension("defences", json(defences.get())));
    }

    private static ObjectNode json(AppliedDefences d) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("pow", d.pow().label());
        node.put("powqueuerate", d.powQueueRate());
        node.put("powqueueburst", d.powQueueBurst());
        node.put("maxstreams", d.maxStreams());
        return node;
    }
}
