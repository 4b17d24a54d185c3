package org.torchat.daemon.peer;

import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torchat.daemon.net.Arguments;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.Replies;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.IncomingMessage;
import org.torchat.daemon.store.MessageStore;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/**
 * RECV from a peer: stores the message under the sender's address with our arrival time, then answers END so
 * the sender knows it arrived (the C daemon sends nothing back; its peers do not wait for an answer).
 */
public final class RecvHandler implements CommandHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RecvHandler.class);

    private final OnionAddress self;
    private final MessageStore store;
    private final Clock clock;
    private final boolean logText;

    public RecvHandler(OnionAddress self, MessageStore store, Clock clock, boolean logText) {
        this.self = self;
        this.store = store;
        this.clock = clock;
        this.logText = logText;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws RequestException, IOException {
        OnionAddress sender = Arguments.onion(request.id(), "id");
        if (request.msg().isEmpty()) {
            throw new RequestException("field 'msg' is empty: nothing to store");
        }
        store.addIncoming(new IncomingMessage(sender, request.msg(), clock.instant()));
        LOG.info("RECV from {}{}", sender, logText ? ": \"" + request.msg() + "\"" : " (" + request.msg().length() + " chars)");
        replies.send(Replies.end(self.hostname(), request.portno(), ""));
    }
}
