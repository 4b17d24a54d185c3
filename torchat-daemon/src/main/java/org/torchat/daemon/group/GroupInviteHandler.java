package org.torchat.daemon.group;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.torchat.daemon.control.PeerResolver;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.Replies;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Group;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/**
 * GROUP_INVITE (group in {@code msg}, {@code peers}: an array of contacts' addresses or nicknames, at most 50): the
 * creator invites them. All are checked before any is invited. END with the count.
 */
public final class GroupInviteHandler implements CommandHandler {
    private static final int MAX_PEERS = 50;

    private final GroupResolver groups;
    private final PeerResolver peers;
    private final GroupMembership membership;

    public GroupInviteHandler(GroupResolver groups, PeerResolver peers, GroupMembership membership) {
        this.groups = groups;
        this.peers = peers;
        this.membership = membership;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws RequestException, IOException {
        Group group = groups.resolve(request.msg(), "msg");
        JsonNode named = request.extension(Extensions.PEERS).orElse(null);
        if (named == null || !named.isArray() || named.isEmpty() || named.size() > MAX_PEERS) {
            throw new RequestException("field '" + Extensions.PEERS + "' must be an array of 1.." + MAX_PEERS
                    + " contacts (addresses or nicknames)");
        }
        List<OnionAddress> invited = new ArrayList<>();
        for (JsonNode peer : named) {
            if (!peer.isTextual()) {
                throw new RequestException("field '" + Extensions.PEERS + "' must hold strings");
            }
            OnionAddress address = peers.resolve(peer.textValue(), Extensions.PEERS);
            if (!invited.contains(address)) {
                invited.add(address);
            }
        }
        membership.invite(group, invited);
        replies.send(Replies.end(group.id(), request.portno(), Integer.toString(invited.size())));
    }
}
