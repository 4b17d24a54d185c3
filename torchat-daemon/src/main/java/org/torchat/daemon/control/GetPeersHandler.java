package org.torchat.daemon.control;

import java.io.IOException;
import java.util.stream.Collectors;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.store.Inbox;
import org.torchat.protocol.Command;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/** GET_PEERS: the peers with unread messages, comma-separated without spaces, oldest first. */
public final class GetPeersHandler implements CommandHandler {
    private final Inbox inbox;

    public GetPeersHandler(Inbox inbox) {
        this.inbox = inbox;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws IOException {
        String peers = inbox.peersWithUnread().stream().map(OnionAddress::hostname).collect(Collectors.joining(","));
        replies.send(Message.of(Command.GET_PEERS, request.id(), request.portno(), peers));
    }
}
