package org.torchat.daemon.control;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import org.torchat.daemon.net.Arguments;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.Dates;
import org.torchat.daemon.net.Replies;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.ChangeSignal;
import org.torchat.daemon.store.Inbox;
import org.torchat.daemon.store.StoredMessage;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/**
 * UPDATE (peer in {@code msg}): marks the peer's oldest unread message read and answers it as RECV with the
 * arrival time in {@code date}; END echoing the peer when nothing is unread. The message stays in history.
 * With {@code wait} (milliseconds) and nothing unread, holds the connection until a message of the peer is stored
 * (then answers it as above) or the wait ends (END); shutdown ends the wait at once (END).
 */
public final class UpdateHandler implements CommandHandler {
    private final Inbox inbox;
    private final PeerResolver peers;
    private final ZoneId zone;

    /** {@code peers}: the peer in {@code msg} may be an address or a contact's nickname. */
    public UpdateHandler(Inbox inbox, PeerResolver peers, ZoneId zone) {
        this.inbox = inbox;
        this.peers = peers;
        this.zone = zone;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws RequestException, IOException {
        OnionAddress peer = peers.resolve(request.msg(), "msg");
        Duration wait = Arguments.waitTime(request);
        Optional<StoredMessage> oldest = popOrWait(peer, wait);
        if (oldest.isEmpty()) {
            replies.send(Replies.end(peer.hostname(), request.portno(), peer.hostname()));
            return;
        }
        StoredMessage m = oldest.get();
        String date = Dates.arrival(m.receivedAt().atZone(zone));
        // verified: an extension the seed's client ignores; ours marks an unsigned message, which anyone could
        // forge, and appends a signed one as it is, without reading the history again.
        replies.send(Message.of(Command.RECV, peer.hostname(), request.portno(), m.text())
                .withDate(date)
                .withExtension(Extensions.VERIFIED, JsonNodeFactory.instance.booleanNode(m.verified())));
    }

    /** Pops at once, or waits up to {@code wait} for a message of {@code peer} to be stored. */
    private Optional<StoredMessage> popOrWait(OnionAddress peer, Duration wait) {
        ChangeSignal arrivals = inbox.changes(); // woken by other changes too: it looks again
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long seen = arrivals.generation(); // before looking: a message stored from here on changes it
            Optional<StoredMessage> oldest = inbox.popOldestUnread(peer);
            long left = deadline - System.nanoTime();
            if (oldest.isPresent() || left <= 0 || arrivals.isClosed()) {
                return oldest;
            }
            try {
                arrivals.awaitChange(seen, Duration.ofNanos(left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the daemon is stopping: answer END now
                return Optional.empty();
            }
        }
    }
}
