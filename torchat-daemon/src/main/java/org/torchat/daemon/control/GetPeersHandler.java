package org.torchat.daemon.control;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.torchat.daemon.net.Arguments;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.ChangeSignal;
import org.torchat.daemon.store.Inbox;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/**
 * GET_PEERS: the peers with unread messages, comma-separated without spaces, oldest first. With {@code wait}
 * (milliseconds) and no peer with unread messages, holds the connection until a message is stored, one of the
 * {@link ChangeTokens} the request sent back differs from its value now, or the wait ends (then answers the list,
 * empty when nothing arrived); shutdown ends the wait at once. Only a request with {@code wait} (our clients) gets the
 * tokens in its reply: the seed's client keeps getting the seed's bytes.
 *
 * <p>The list holds at most {@link #MAX_PEERS} peers, the ones waiting longest, so the reply fits in a frame;
 * {@code more} then says how many were left out. A seed client reads those, and the rest come up once it has.
 */
public final class GetPeersHandler implements CommandHandler {
    /** 150 addresses of 62 characters and their commas, with the frame's other fields, stay under 9999 bytes. */
    public static final int MAX_PEERS = 150;

    private final Inbox inbox;
    private final ChangeTokens tokens;

    /** Without tokens in the reply. */
    public GetPeersHandler(Inbox inbox) {
        this(inbox, new ChangeTokens(inbox.changes()));
    }

    /** {@code tokens}: sent with every reply to a request with {@code wait}, and compared with what it sent. */
    public GetPeersHandler(Inbox inbox, ChangeTokens tokens) {
        this.inbox = inbox;
        this.tokens = tokens;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws IOException, RequestException {
        Duration wait = Arguments.waitTime(request);
        List<OnionAddress> unread = listOrWait(request, wait);
        String peers =
                unread.stream().limit(MAX_PEERS).map(OnionAddress::hostname).collect(Collectors.joining(","));
        Message reply = Message.of(Command.GET_PEERS, request.id(), request.portno(), peers);
        if (unread.size() > MAX_PEERS) {
            reply = reply.withExtension(
                    Extensions.MORE, JsonNodeFactory.instance.numberNode(unread.size() - MAX_PEERS));
        }
        if (request.extension(Extensions.WAIT).isPresent()) {
            for (Map.Entry<String, String> token : tokens.current().entrySet()) {
                reply = reply.withExtension(token.getKey(), JsonNodeFactory.instance.textNode(token.getValue()));
            }
        }
        replies.send(reply);
    }

    /**
     * After a message was stored the list is answered even when empty: the message was then a stranger's request
     * (not listed here), which a waiting client wants to hear about too (REQUESTS). Other changes wake this too; it
     * answers them only when the request's token for them is out of date.
     */
    private List<OnionAddress> listOrWait(Message request, Duration wait) {
        ChangeSignal changes = inbox.changes();
        long deadline = System.nanoTime() + wait.toNanos();
        long storedBefore = changes.count(ChangeSignal.MESSAGES);
        while (true) {
            long seen = changes.generation(); // before looking: a change from here on changes it
            List<OnionAddress> peers = inbox.peersWithUnread();
            boolean stored = changes.count(ChangeSignal.MESSAGES) != storedBefore;
            long left = deadline - System.nanoTime();
            if (!peers.isEmpty() || stored || left <= 0 || changes.isClosed() || tokens.differFrom(request)) {
                return peers;
            }
            try {
                changes.awaitChange(seen, Duration.ofNanos(left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the daemon is stopping: answer now
                return peers;
            }
        }
    }
}
