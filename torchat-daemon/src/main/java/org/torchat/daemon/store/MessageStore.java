package org.torchat.daemon.store;

import java.util.List;
import java.util.Optional;
import org.torchat.protocol.onion.OnionAddress;

/** Where received messages wait until a client reads them (the seed's unread table). */
public interface MessageStore extends AutoCloseable {
    void addIncoming(IncomingMessage message);

    /** Removes and returns the oldest unread message of {@code peer}. */
    Optional<IncomingMessage> popOldestUnread(OnionAddress peer);

    /** Peers with unread messages, in the order their oldest unread message arrived. */
    List<OnionAddress> peersWithUnread();

    @Override
    void close();
}
