package org.torchat.daemon.control;

import java.io.IOException;
import java.time.Clock;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Contacts;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/** BLOCK (address or nickname in {@code id}): its messages are dropped before storage and counted; any address may be blocked. */
public final class BlockHandler implements CommandHandler {
    private final Contacts contacts;
    private final PeerResolver peers;
    private final OnionAddress self;
    private final Clock clock;

    public BlockHandler(Contacts contacts, PeerResolver peers, OnionAddress self, Clock clock) {
        this.contacts = contacts;
        this.peers = peers;
        this.self = self;
        this.clock = clock;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws RequestException, IOException {
        OnionAddress peer = ContactReplies.notSelf(peers.resolve(request.id(), "id"), self);
        ContactReplies.change(() -> contacts.block(peer, clock.instant()), request.portno(), replies);
    }
}
