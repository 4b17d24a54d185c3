package org.torchat.daemon.group;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.List;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.Replies;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.store.Group;
import org.torchat.daemon.store.GroupState;
import org.torchat.daemon.store.Groups;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;

/**
 * GROUP_INVITES: one frame per invitation our user has not answered ({@code id} the group's id, {@code msg} its
 * name, {@code invitedby}, {@code creator}, {@code roster}: its members' addresses), then END with the count.
 */
public final class GroupInvitesHandler implements CommandHandler {
    private final Groups groups;

    public GroupInvitesHandler(Groups groups) {
        this.groups = groups;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        List<Group> open = groups.list().stream()
                .filter(g -> g.state() == GroupState.INVITED)
                .toList();
        for (Group g : open) {
            ArrayNode members = nodes.arrayNode();
            g.members().forEach(m -> members.add(m.hostname()));
            replies.send(Message.of(Command.GROUP_INVITES, g.id(), request.portno(), g.name())
                    .withExtension(
                            Extensions.INVITED_BY, nodes.textNode(g.invitedBy().hostname()))
                    .withExtension(
                            Extensions.CREATOR,
                            nodes.textNode(g.roster().creator().hostname()))
                    .withExtension(Extensions.ROSTER, members));
        }
        replies.send(Replies.end("localhost", request.portno(), Integer.toString(open.size())));
    }
}
