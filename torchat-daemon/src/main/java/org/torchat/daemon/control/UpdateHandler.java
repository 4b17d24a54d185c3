package org.torchat.daemon.control;

import java.io.IOException;
import java.time.ZoneId;
import java.util.Optional;
import org.torchat.daemon.net.Arguments;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.Dates;
import org.torchat.daemon.net.Replies;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Inbox;
import org.torchat.daemon.store.StoredMessage;
import org.torchat.protocol.Command;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/**
 * UPDATE (peer in {@code msg}): marks the peer's oldest unread message read and answers it as RECV with the
 * arrival time in {@code date}; END echoing the peer when nothing is unread. The message stays in history.
 */
public final class UpdateHandler implements CommandHandler {
    private final Inbox inbox;
    private final ZoneId zone;

    public UpdateHandler(Inbox inbox, ZoneId zone) {
        this.inbox = inbox;
        this.zone = zone;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws RequestException, IOException {
        OnionAddress peer = Arguments.onion(request.msg(), "msg");
        Optional<StoredMessage> oldest = inbox.popOldestUnread(peer);
        if (oldest.isEmpty()) {
            replies.send(Replies.end(peer.hostname(), request.portno(), peer.hostname()));
            return;
        }
        StoredMessage m = oldest.get();
        String date = Dates.arrival(m.receivedAt().atZone(zone));
        replies.send(Message.of(Command.RECV, peer.hostname(), request.portno(), m.text()).withDate(date));
    }
}
