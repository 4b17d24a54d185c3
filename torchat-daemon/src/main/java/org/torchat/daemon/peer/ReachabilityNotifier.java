package org.torchat.daemon.peer;

import java.io.IOException;
import java.util.function.Consumer;
import org.torchat.daemon.net.Arguments;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/**
 * Wraps the RECV handler: a peer whose message we accepted is online right now, which the delivery service
 * wants to know (messages waiting for that peer should not sit out a long backoff).
 */
public final class ReachabilityNotifier implements CommandHandler {
    private final CommandHandler recv;
    private final Consumer<OnionAddress> reachable;

    public ReachabilityNotifier(CommandHandler recv, Consumer<OnionAddress> reachable) {
        this.recv = recv;
        this.reachable = reachable;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws RequestException, IOException {
        recv.handle(request, replies);
        reachable.accept(Arguments.onion(request.id(), "id"));
    }
}
