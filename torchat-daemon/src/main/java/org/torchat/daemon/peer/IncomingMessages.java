package org.torchat.daemon.peer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Inbox;
import org.torchat.daemon.store.MessageIds;
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
            throw new IllegalArgumentException(
                    "the replay window must be positive and the allowance ahead not negative");
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
    public String accept(
            OnionAddress sender, String claimedId, String text, Instant sentAt, boolean verified, String how)
            throws RequestException {
        String messageId = claimedId != null ? claimedId : MessageIds.random();
        Accepted result = acceptAll(sender, List.of(new Inbox.Incoming(messageId, text, sentAt)), verified, how)
                .get(0);
        if (result.refusal() != null) {
            throw result.refusal();
        }
        return messageId;
    }

    /** What became of one message of a batch: stored (or already there), or refused and why. */
    public record Accepted(String messageId, RequestException refusal) {}

    /**
     * Stores a batch from one sender as {@link #accept} stores each, in one transaction (one fsync for the lot);
     * the results are in the order of {@code batch}, each message judged on its own.
     */
    public List<Accepted> acceptAll(OnionAddress sender, List<Inbox.Incoming> batch, boolean verified, String how) {
        Instant now = clock.instant();
        Accepted[] results = new Accepted[batch.size()];
        List<Inbox.Incoming> timely = new ArrayList<>(batch.size());
        List<Integer> positions = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            try {
                checkNotAhead(batch.get(i).sentAt(), now);
                timely.add(batch.get(i));
                positions.add(i);
            } catch (RequestException e) {
                results[i] = new Accepted(batch.get(i).messageId(), e);
            }
        }
        List<Inbox.Stored> stored =
                timely.isEmpty() ? List.of() : inbox.storeAll(sender, timely, now, verified, now.minus(maxAge));
        for (int k = 0; k < stored.size(); k++) {
            Inbox.Incoming m = timely.get(k);
            results[positions.get(k)] = new Accepted(m.messageId(), refusal(sender, m, stored.get(k), how));
        }
        return List.of(results);
    }

    /** Why {@code m} was not stored, or null when it was (or already had been), which is then logged. */
    private RequestException refusal(OnionAddress sender, Inbox.Incoming m, Inbox.Stored stored, String how) {
        if (stored.overLimit() != null) {
            return new RequestException("not stored: " + stored.overLimit().getMessage() + "; try again later");
        }
        if (stored.outcome() == Inbox.Outcome.REFUSED) {
            return SenderGate.notAccepted(sender);
        }
        if (stored.outcome() == Inbox.Outcome.TOO_OLD) {
            return new RequestException("too old: message " + m.messageId() + " was sent at " + m.sentAt()
                    + ", more than " + describe(maxAge) + " ago, and is not one already received; refused as a "
                    + "possible replay");
        }
        LOG.info(
                "RECV from {} ({}, {}): {}{}",
                sender,
                m.messageId(),
                how,
                stored.outcome().name().toLowerCase(java.util.Locale.ROOT),
                logText ? " \"" + m.text() + "\"" : "");
        return null;
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
