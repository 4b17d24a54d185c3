package org.torchat.daemon.control;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.torchat.daemon.net.Arguments;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.ArrivalSignal;
import org.torchat.daemon.store.Inbox;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/**
 * GET_PEERS: the peers with unread messages, comma-separated without spaces, oldest first. With {@code wait}
 * (milliseconds) and no peer with unread messages, holds the connection until a message is stored or the wait ends
 * (then answers the list, empty when nothing arrived); shutdown ends the wait at once.
 *
 * <p>The list holds at most {@link #MAX_PEERS} peers, the ones waiting longest, so the reply fits in a frame;
 * {@code more} then says how many were left out. A seed client reads those, and the rest come up once it has.
 */
public final class GetPeersHandler implements CommandHandler {
    /** 150 addresses of 62 characters and their commas, with the frame's other fields, stay under 9999 bytes. */
    public static final int MAX_PEERS = 150;

    private final Inbox inbox;
    private final Supplier<String> requestsVersion;

    /** Without {@code requests} in the reply. */
    public GetPeersHandler(Inbox inbox) {
        this(inbox, null);
    }

    /** {@code requestsVersion}: the token of {@link Extensions#REQUESTS_VERSION}, sent with every reply. */
    public GetPeersHandler(Inbox inbox, Supplier<String> requestsVersion) {
        this.inbox = inbox;
        this.requestsVersion = requestsVersion;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws IOException, RequestException {
        Duration wait = Arguments.waitTime(request);
        List<OnionAddress> unread = listOrWait(wait);
        String peers = unread.stream().limit(MAX_PEERS).map(OnionAddress::hostname).collect(Collectors.joining(","));
        Message reply = Message.of(Command.GET_PEERS, request.id(), request.portno(), peers);
        if (unread.size() > MAX_PEERS) {
            reply = reply.withExtension(Extensions.MORE, JsonNodeFactory.instance.numberNode(unread.size() - MAX_PEERS));
        }
        // Only for a client of ours (it asks with wait): the seed's client gets the seed's bytes.
        if (requestsVersion != null && request.extension(Extensions.WAIT).isPresent()) {
            reply = reply.withExtension(Extensions.REQUESTS_VERSION,
                    JsonNodeFactory.instance.textNode(requestsVersion.get()));
        }
        replies.send(reply);
    }

    /**
     * After a message was stored the list is answered even when empty: the message was then a stranger's request
     * (not listed here), which a waiting client wants to hear about too (REQUESTS).
     */
    private List<OnionAddress> listOrWait(Duration wait) {
        ArrivalSignal arrivals = inbox.arrivals();
        long deadline = System.nanoTime() + wait.toNanos();
        boolean stored = false;
        while (true) {
            long seen = arrivals.generation(); // before looking: a message stored from here on changes it
            List<OnionAddress> peers = inbox.peersWithUnread();
            long left = deadline - System.nanoTime();
            if (!peers.isEmpty() || stored || left <= 0 || arrivals.isClosed()) {
                return peers;
            }
            try {
                stored = arrivals.awaitChange(seen, Duration.ofNanos(left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the daemon is stopping: answer now
                return peers;
            }
        }
    }
}
