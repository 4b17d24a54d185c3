package org.torchat.daemon.store;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.torchat.protocol.onion.OnionAddress;

/** The seed's volatile table: unread messages per peer, lost when the daemon stops. */
public final class InMemoryMessageStore implements MessageStore {
    private final Map<OnionAddress, ArrayDeque<IncomingMessage>> unread = new LinkedHashMap<>();

    @Override
    public synchronized void addIncoming(IncomingMessage message) {
        unread.computeIfAbsent(message.peer(), p -> new ArrayDeque<>()).addLast(message);
    }

    @Override
    public synchronized Optional<IncomingMessage> popOldestUnread(OnionAddress peer) {
        ArrayDeque<IncomingMessage> queue = unread.get(peer);
        if (queue == null) {
            return Optional.empty();
        }
        IncomingMessage oldest = queue.removeFirst();
        if (queue.isEmpty()) {
            unread.remove(peer);
        }
        return Optional.of(oldest);
    }

    @Override
    public synchronized List<OnionAddress> peersWithUnread() {
        return List.copyOf(unread.keySet());
    }

    @Override
    public void close() {
        // nothing to release: the seed's semantics, everything is gone with the process
    }
}
