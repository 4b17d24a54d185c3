package org.torchat.daemon.control;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import org.torchat.daemon.delivery.DeliveryService;
import org.torchat.daemon.delivery.PeerFrames;
import org.torchat.daemon.net.Arguments;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.Dates;
import org.torchat.daemon.net.Replies;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Contacts;
import org.torchat.daemon.store.MessageIds;
import org.torchat.daemon.store.Outbox;
import org.torchat.daemon.store.StoredMessage;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.FrameException;
import org.torchat.protocol.FrameWriter;
import org.torchat.protocol.Frames;
import org.torchat.protocol.Message;
import org.torchat.protocol.MessageCodec;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;

/**
 * SEND: queues {@code msg} for peer {@code id} (port {@code portno}) and answers END, with the message's id in
 * {@code mid}, once it is safely stored. The delivery service sends it through Tor in the background. {@code id} may
 * be a contact's nickname; writing to a peer makes it a contact; a blocked peer must be unblocked first.
 */
public final class SendHandler implements CommandHandler {
    private final Ed25519Identity self;
    private final Outbox outbox;
    private final DeliveryService delivery;
    private final PeerResolver peers;
    private final Contacts contacts;
    private final Clock clock;

    /** {@code self}: our identity, which signs the RECV frame (the size check includes the signature). */
    public SendHandler(
            Ed25519Identity self,
            Outbox outbox,
            DeliveryService delivery,
            PeerResolver peers,
            Contacts contacts,
            Clock clock) {
        this.self = self;
        this.outbox = outbox;
        this.delivery = delivery;
        this.peers = peers;
        this.contacts = contacts;
        this.clock = clock;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws RequestException, IOException {
        OnionAddress peer = peers.resolve(request.id(), "id");
        if (contacts.isBlocked(peer)) {
            throw new RequestException(peer + " is blocked: UNBLOCK it before writing to it");
        }
        int port = Arguments.tcpPort(request.portno(), "portno");
        String text = Arguments.text(request.msg(), "msg");
        String date = Dates.asctime(clock); // never the client's: see Dates.asctime
        Instant now = clock.instant();
        checkFrameFits(peer, port, text, date, now);
        StoredMessage queued = outbox.enqueue(peer, text, port, date, now);
        delivery.wake(peer);
        replies.send(Replies.end(self.onionAddress().hostname(), request.portno(), "")
                .withExtension(Extensions.MESSAGE_ID, JsonNodeFactory.instance.textNode(queued.messageId())));
    }

    /**
     * Refuses now what could never be delivered: the signed RECV frame to the peer must fit in one frame (a random
     * id has the length of the real one), and the text must be signable.
     */
    private void checkFrameFits(OnionAddress peer, int port, String text, String date, Instant now)
            throws RequestException {
        Message frame;
        try {
            frame = PeerFrames.recvShape(
                    self.onionAddress(), peer, port, text, date, MessageIds.random(), now.toEpochMilli());
        } catch (IllegalArgumentException e) {
            throw new RequestException("field 'msg' cannot be sent: " + e.getMessage());
        }
        try {
            FrameWriter.encode(MessageCodec.encode(frame));
        } catch (FrameException e) {
            throw new RequestException("message too long: a message to a peer must fit in a frame of "
                    + Frames.MAX_PAYLOAD + " bytes (" + e.getMessage() + ")");
        }
    }
}
