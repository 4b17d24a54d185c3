package org.torchat.daemon.peer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Inbox;
import org.torchat.daemon.store.MessageIds;
import org.torchat.daemon.store.PeerLimitException;
import org.torchat.protocol.onion.OnionAddress;

/**
 * Stores a message from a peer whose authenticity was already settled (a signature checked, a session's MAC, or
 * neither for an unsigned peer): the replay window, the clock check, the store's caps, and the log line. Shared by
 * one-shot RECV and RECV inside a session.
 *
 * <p>Replays: a message id already stored from that sender is acknowledged again and not stored twice, however
 * old. A new id whose {@code ts} is more than {@code maxAge} in the past is refused, as is a {@code ts} more than
 * {@code maxAhead} in the future.
 */
public final class IncomingMessages {
    private static final Logger LOG = LoggerFactory.getLogger(IncomingMessages.class);
    /** A new message sent longer ago than this is refused: see docs/PROTOCOL.md, "Replays". */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);
    /** A message claiming to be sent further in the future than this is refused. */
    public static final Duration DEFAULT_MAX_AHEAD = Duration.ofDays(1);

    private final Inbox inbox;
    private final Clock clock;
    private final boolean logText;
    private final Duration maxAge;
    private final Duration maxAhead;

    public IncomingMessages(Inbox inbox, Clock clock, boolean logText, Duration maxAge, Duration maxAhead) {
        if (maxAge.isNegative() || maxAge.isZero() || maxAhead.isNegative()) {
            throw new IllegalArgumentException("the replay window must be positive and the allowance ahead not negative");
        }
        this.inbox = inbox;
        this.clock = clock;
        this.logText = logText;
        this.maxAge = maxAge;
        this.maxAhead = maxAhead;
    }

    /**
     * Stores the message (once per id) and returns its id, the one to acknowledge; {@code claimedId} null (the
     * original C daemon) gets a fresh local id. {@code how} names the authentication for the log.
     */
    public String accept(OnionAddress sender, String claimedId, String text, Instant sentAt, boolean verified,
                         String how) throws RequestException {
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
        LOG.info("RECV from {} ({}, {}): {}{}", sender, messageId, how, outcome.name().toLowerCase(),
                logText ? " \"" + text + "\"" : "");
        return messageId;
    }

    private void checkNotAhead(Instant sentAt, Instant now) throws RequestException {
        if (sentAt != null && sentAt.isAfter(now.plus(maxAhead))) {
            throw new RequestException("field 'ts' is " + describe(Duration.between(now, sentAt))
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
}
