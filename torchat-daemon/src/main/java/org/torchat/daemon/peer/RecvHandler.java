package org.torchat.daemon.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.torchat.daemon.net.Arguments;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.Replies;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Inbox;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;
import org.torchat.protocol.signature.MessageSignatures;
import org.torchat.protocol.signature.SignedFields;

/**
 * RECV from a peer: checks the sender's signature, stores the message (once per message id) and only then answers
 * END carrying the id: the acknowledgement the sender waits for. A message without an id (the original C daemon)
 * gets a fresh local id.
 *
 * <p>Signatures (docs/PROTOCOL.md, "Signed messages"): the key is the claimed sender address itself. A valid
 * signature over (sender, us, mid, ts, text) stores the message as verified; a bad one, or one made for another
 * recipient, is refused and nothing is stored; no signature (the original C daemon) stores it unverified, unless
 * {@code requireSignatures}, which refuses it.
 *
 * <p>Replays and the store's caps: {@link IncomingMessages}.
 *
 * <p>Budgets (docs/SECURITY.md, "Hostile peers"): the {@link SenderGate} sorts the sender into its traffic class
 * and spends the class's shared budget before the signature is checked, and the sender's own budget, keyed on its
 * address, after.
 *
 * <p>Contacts (docs/PROTOCOL.md, "Strangers and blocked addresses"): a message from a blocked address is dropped
 * and acknowledged exactly as a stored one, so that blocking is not revealed and the sender does not retry; with
 * {@code strangers: contacts} a stranger's message is refused with ERR.
 */
public final class RecvHandler implements CommandHandler {
    /** A new message sent longer ago than this is refused: see docs/PROTOCOL.md, "Replays". */
    public static final Duration DEFAULT_MAX_AGE = IncomingMessages.DEFAULT_MAX_AGE;
    /** A message claiming to be sent further in the future than this is refused. */
    public static final Duration DEFAULT_MAX_AHEAD = IncomingMessages.DEFAULT_MAX_AHEAD;

    private final OnionAddress self;
    private final IncomingMessages incoming;
    private final SenderGate gate;
    private final boolean requireSignatures;

    /** Accepts unsigned messages, with the default replay window. */
    public RecvHandler(OnionAddress self, Inbox inbox, SenderGate gate, Clock clock, boolean logText) {
        this(self, inbox, gate, clock, logText, false, DEFAULT_MAX_AGE, DEFAULT_MAX_AHEAD);
    }

    /**
     * @param gate              sorts senders into classes and spends their budgets (docs/SECURITY.md)
     * @param requireSignatures refuse messages without a signature (no original C daemon can then send to us)
     * @param maxAge            a new message whose {@code ts} is older than this is refused as a possible replay
     * @param maxAhead          a message whose {@code ts} is further ahead of our clock than this is refused
     */
    public RecvHandler(
            OnionAddress self,
            Inbox inbox,
            SenderGate gate,
            Clock clock,
            boolean logText,
            boolean requireSignatures,
            Duration maxAge,
            Duration maxAhead) {
        this(self, new IncomingMessages(inbox, clock, logText, maxAge, maxAhead), gate, requireSignatures);
    }

    public RecvHandler(OnionAddress self, IncomingMessages incoming, SenderGate gate, boolean requireSignatures) {
        this.self = self;
        this.incoming = incoming;
        this.gate = gate;
        this.requireSignatures = requireSignatures;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws RequestException, IOException {
        OnionAddress sender = Arguments.onion(request.id(), "id");
        String text = Arguments.text(request.msg(), "msg");
        String claimedId = MessageFields.messageId(request);
        Instant sentAt = MessageFields.timestamp(request);
        JsonNode signature = request.extension(Extensions.SIGNATURE).orElse(null);
        if (signature == null && requireSignatures) {
            throw new RequestException("unsigned message refused: this daemon accepts only messages signed by "
                    + "their sender (requiresignatures), and this one has no '" + Extensions.SIGNATURE + "'");
        }
        TrafficClass trafficClass = gate.enter(sender, signature != null);
        if (signature != null) {
            checkSignature(signature, sender, claimedId, sentAt, text);
        }
        boolean verified = signature != null;
        gate.admit(trafficClass, sender);
        String messageId =
                incoming.accept(sender, claimedId, text, sentAt, verified, verified ? "verified" : "unsigned");
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        replies.send(Replies.end(self.hostname(), request.portno(), "")
                .withExtension(Extensions.MESSAGE_ID, nodes.textNode(messageId))
                .withExtension(Extensions.PROTO, nodes.numberNode(Extensions.PROTOCOL_VERSION)));
    }

    /** Refuses anything but a valid signature by {@code sender} for us over the message. */
    private void checkSignature(JsonNode sig, OnionAddress sender, String messageId, Instant sentAt, String text)
            throws RequestException {
        byte[] signature;
        try {
            if (!sig.isTextual()) {
                throw new IllegalArgumentException("not a string");
            }
            signature = MessageSignatures.fromBase64(sig.textValue());
        } catch (IllegalArgumentException e) {
            throw new RequestException("field '" + Extensions.SIGNATURE + "' must be the base64 of a "
                    + MessageSignatures.SIGNATURE_LENGTH + "-byte Ed25519 signature (" + e.getMessage() + ")");
        }
        if (messageId == null || sentAt == null) {
            throw new RequestException("a signed message must carry '" + Extensions.MESSAGE_ID + "' and '"
                    + Extensions.TIMESTAMP + "': both are signed");
        }
        SignedFields fields = new SignedFields(sender, self, messageId, sentAt.toEpochMilli(), text);
        if (!MessageSignatures.verify(fields, signature)) {
            throw new RequestException("bad signature: message " + messageId + " is not signed by " + sender + " for "
                    + self + " (forged, altered on the way, or meant for another recipient); not stored");
        }
    }
}
