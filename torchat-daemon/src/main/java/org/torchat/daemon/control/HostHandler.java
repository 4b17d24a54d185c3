package org.torchat.daemon.control;

import java.io.IOException;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.ReplySink;
import org.torchat.protocol.Command;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/** HOST: our own onion address in {@code msg}; {@code id} and {@code portno} echoed. */
public final class HostHandler implements CommandHandler {
    private final OnionAddress self;

    public HostHandler(OnionAddress self) {
        this.self = self;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws IOException {
        replies.send(Message.of(Command.HOST, request.id(), request.portno(), self.hostname()));
    }
}
