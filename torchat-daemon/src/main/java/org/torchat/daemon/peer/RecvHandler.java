package org.torchat.daemon.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torchat.daemon.net.Arguments;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.Replies;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Inbox;
import org.torchat.daemon.store.MessageIds;
import org.torchat.daemon.store.PeerLimitException;
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
 * <p>Replays: a message id already stored from that sender is acknowledged again and not stored twice, however
 * old. A new id whose {@code ts} is more than {@code maxAge} in the past is refused, as is a {@code ts} more than
 * {@code maxAhead} in the future.
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
    private static final Logger LOG = LoggerFactory.getLogger(RecvHandler.class);
    /** A new message sent longer ago than this is refused: see docs/PROTOCOL.md, "Replays". */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);
    /** A message claiming to be sent further in the future than this is refused. */
    public static final Duration DEFAULT_MAX_AHEAD = Duration.ofDays(1);

    private final OnionAddress self;
    private final Inbox inbox;
    private final SenderGate gate;
    private final Clock clock;
    private final boolean logText;
    private final boolean requireSignatures;
    private final Duration maxAge;
    private final Duration maxAhead;

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
    public RecvHandler(OnionAddress self, Inbox inbox, SenderGate gate, Clock clock, boolean logText,
                       boolean requireSignatures, Duration maxAge, Duration maxAhead) {
        if (maxAge.isNegative() || maxAge.isZero() || maxAhead.isNegative()) {
            throw new IllegalArgumentException("the replay window must be positive and the allowance ahead not negative");
        }
        this.self = self;
        this.inbox = inbox;
        this.gate = gate;
        this.clock = clock;
        this.logText = logText;
        this.requireSignatures = requireSignatures;
        this.maxAge = maxAge;
        this.maxAhead = maxAhead;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws RequestException, IOException {
        OnionAddress sender = Arguments.onion(request.id(), "id");
        String text = Arguments.text(request.msg(), "msg");
        String claimedId = claimedMessageId(request);
        Instant sentAt = sentAt(request);
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
        Instant now = clock.instant();
        checkNotAhead(sentAt, now);
        String messageId = claimedId != null ? claimedId : MessageIds.random();
        Inbox.Outcome outcome;
        try {
            outcome = inbox.store(sender, messageId, text, sentAt, now, verified, now.minus(maxAge));
        } catch (PeerLimitException e) {
            throw new RequestException("not stored: " + e.getMessage() + "; try again later");
        }
        if (outcome == Inbox.Outcome.REFUSED) {
            throw SenderGate.notAccepted(sender);
        }
        if (outcome == Inbox.Outcome.TOO_OLD) {
            throw new RequestException("too old: message " + messageId + " was sent at " + sentAt + ", more than "
                    + describe(maxAge) + " ago, and is not one already received; refused as a possible replay");
        }
        LOG.info("RECV from {} ({}, {}): {}{}", sender, messageId, verified ? "verified" : "unsigned",
                outcome.name().toLowerCase(), logText ? " \"" + text + "\"" : "");
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

    private void checkNotAhead(Instant sentAt, Instant now) throws RequestException {
        if (sentAt != null && sentAt.isAfter(now.plus(maxAhead))) {
            throw new RequestException("field '" + Extensions.TIMESTAMP + "' is " + describe(Duration.between(now, sentAt))
                    + " ahead of this daemon's clock (at most " + describe(maxAhead) + " is accepted); not stored: "
                    + "check the sender's clock");
        }
    }

    /** A duration for people: exact when it is whole days or hours, else rounded down to a sensible unit. */
    static String describe(Duration d) {
        long seconds = d.toSeconds();
        if (seconds > 0 && seconds % 86_400 == 0 || seconds >= 2 * 86_400) {
            long days = seconds / 86_400;
            return days + (days == 1 ? " day" : " days");
        }
        if (seconds > 0 && seconds % 3600 == 0 || seconds >= 2 * 3600) {
            return seconds / 3600 + " h";
        }
        if (seconds >= 120) {
            return seconds / 60 + " min";
        }
        return seconds + " s";
    }

    /** The sender's message id, or null when the frame has none. */
    private static String claimedMessageId(Message request) throws RequestException {
        JsonNode id = request.extension(Extensions.MESSAGE_ID).orElse(null);
        if (id == null) {
            return null;
        }
        if (!id.isTextual() || !MessageIds.isAcceptable(id.textValue())) {
            throw new RequestException("field '" + Extensions.MESSAGE_ID + "' must be 16..64 letters, digits, '-' or '_'");
        }
        return id.textValue();
    }

    private static Instant sentAt(Message request) throws RequestException {
        JsonNode ts = request.extension(Extensions.TIMESTAMP).orElse(null);
        if (ts == null) {
            return null;
        }
        if (!ts.isIntegralNumber() || !ts.canConvertToLong() || ts.longValue() < 0) {
            throw new RequestException("field '" + Extensions.TIMESTAMP + "' must be milliseconds since the epoch");
        }
        return Instant.ofEpochMilli(ts.longValue());
    }
}
