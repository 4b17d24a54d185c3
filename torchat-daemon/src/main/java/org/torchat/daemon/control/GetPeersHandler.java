package org.torchat.daemon.control;

import java.io.IOException;
import java.util.stream.Collectors;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.store.MessageStore;
import org.torchat.protocol.Command;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/** GET_PEERS: the peers with unread messages, comma-separated without spaces, oldest first. */
public final class GetPeersHandler implements CommandHandler {
    private final MessageStore store;

    public GetPeersHandler(MessageStore store) {
        this.store = store;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws IOException {
        String peers = store.peersWithUnread().stream().map(OnionAddress::hostname).collect(Collectors.joining(","));
        replies.send(Message.of(Command.GET_PEERS, request.id(), request.portno(), peers));
    }
}
