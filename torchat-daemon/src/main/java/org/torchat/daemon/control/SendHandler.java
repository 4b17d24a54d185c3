package org.torchat.daemon.control;

import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torchat.daemon.delivery.Delivery;
import org.torchat.daemon.delivery.DeliveryException;
import org.torchat.daemon.delivery.DeliveryOutcome;
import org.torchat.daemon.net.Arguments;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.Dates;
import org.torchat.daemon.net.Replies;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.protocol.Command;
import org.torchat.protocol.FrameException;
import org.torchat.protocol.FrameWriter;
import org.torchat.protocol.Frames;
import org.torchat.protocol.Message;
import org.torchat.protocol.MessageCodec;
import org.torchat.protocol.onion.OnionAddress;

/**
 * SEND: delivers {@code msg} to peer {@code id} on port {@code portno} as a RECV frame carrying our address,
 * then answers END with our address, or ERR saying why Tor could not deliver it.
 */
public final class SendHandler implements CommandHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SendHandler.class);
    /** The C daemon's wording, kept as a prefix so old clients that match on it still do. */
    static final String FAILURE_PREFIX = "TOR couldn't send the message: ";

    private final OnionAddress self;
    private final Delivery delivery;
    private final Clock clock;
    private final boolean logText;

    public SendHandler(OnionAddress self, Delivery delivery, Clock clock, boolean logText) {
        this.self = self;
        this.delivery = delivery;
        this.clock = clock;
        this.logText = logText;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws RequestException, IOException {
        OnionAddress peer = Arguments.onion(request.id(), "id");
        int port = Arguments.tcpPort(request.portno(), "portno");
        if (request.msg().isEmpty()) {
            throw new RequestException("field 'msg' is empty: nothing to send");
        }
        Message frame = recvFrame(request);
        try {
            DeliveryOutcome outcome = delivery.deliver(peer, port, frame);
            LOG.info("SEND to {}: {}{}", peer, outcome.name().toLowerCase(), describe(request.msg()));
            replies.send(Replies.end(self.hostname(), request.portno(), ""));
        } catch (DeliveryException e) {
            LOG.warn("SEND to {} failed: {}", peer, e.getMessage());
            replies.send(Replies.error(self, request.portno(), FAILURE_PREFIX + e.getMessage()));
        }
    }

    private Message recvFrame(Message request) throws RequestException {
        String date = request.dateIfPresent().orElseGet(() -> Dates.asctime(clock));
        Message frame = Message.of(Command.RECV, self.hostname(), request.portno(), request.msg()).withDate(date);
        try {
            FrameWriter.encode(MessageCodec.encode(frame));
        } catch (FrameException e) {
            throw new RequestException("message too long: a message to a peer must fit in a frame of "
                    + Frames.MAX_PAYLOAD + " bytes (" + e.getMessage() + ")");
        }
        return frame;
    }

    private String describe(String text) {
        return logText ? " \"" + text + "\"" : " (" + text.length() + " chars)";
    }
}
