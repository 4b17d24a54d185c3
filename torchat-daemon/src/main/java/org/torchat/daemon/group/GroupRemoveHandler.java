package org.torchat.daemon.group;

import java.io.IOException;
import org.torchat.daemon.control.PeerResolver;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.Replies;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Group;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/**
 * GROUP_REMOVE (group in {@code msg}, member in {@code id}: an address, or a contact's nickname): the creator
 * removes a member, or withdraws an invitation. END with the member's address.
 */
public final class GroupRemoveHandler implements CommandHandler {
    private final GroupResolver groups;
    private final PeerResolver peers;
    private final GroupMembership membership;

    public GroupRemoveHandler(GroupResolver groups, PeerResolver peers, GroupMembership membership) {
        this.groups = groups;
        this.peers = peers;
        this.membership = membership;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws RequestException, IOException {
        Group group = groups.resolve(request.msg(), "msg");
        OnionAddress peer = peers.resolve(request.id(), "id");
        membership.remove(group, peer);
        replies.send(Replies.end(peer.hostname(), request.portno(), group.id()));
    }
}
