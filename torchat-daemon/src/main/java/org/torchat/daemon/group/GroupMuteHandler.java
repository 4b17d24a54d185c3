package org.torchat.daemon.group;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.torchat.daemon.control.PeerResolver;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.Replies;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Group;
import org.torchat.daemon.store.Groups;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/**
 * GROUP_MUTE (group in {@code msg}; a member in {@code id}, or empty for the whole group; {@code muted}: true when
 * absent, false to unmute). Local only: nothing is sent. A muted group's messages come as others do, without alerts
 * in clients; a muted member's are never unread and are left out of history. Both are still stored and passed on.
 */
public final class GroupMuteHandler implements CommandHandler {
    private final GroupResolver resolver;
    private final Groups groups;
    private final PeerResolver peers;

    public GroupMuteHandler(GroupResolver resolver, Groups groups, PeerResolver peers) {
        this.resolver = resolver;
        this.groups = groups;
        this.peers = peers;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws RequestException, IOException {
        Group group = resolver.resolve(request.msg(), "msg");
        OnionAddress member = null;
        if (!request.id().isBlank()) {
            member = peers.resolve(request.id(), "id");
            if (!group.members().contains(member)) {
                throw new RequestException(member + " is not a member of '" + group.name() + "'");
            }
        }
        JsonNode muted = request.extension(Extensions.MUTED).orElse(null);
        if (muted != null && !muted.isBoolean()) {
            throw new RequestException("field '" + Extensions.MUTED + "' must be true or false");
        }
        boolean mute = muted == null || muted.booleanValue();
        groups.mute(group.id(), member, mute);
        replies.send(Replies.end(group.id(), request.portno(), mute ? "muted" : "unmuted"));
    }
}
