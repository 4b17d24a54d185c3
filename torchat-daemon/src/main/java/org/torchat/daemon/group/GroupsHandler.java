package org.torchat.daemon.group;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.List;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.Replies;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.store.Group;
import org.torchat.daemon.store.Groups;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;

/**
 * GROUPS: one GROUPS frame per group we know ({@code id} the group's id, {@code msg} its name, {@code state},
 * {@code members}, {@code unread}, {@code muted}, {@code creator}), in the order we learned of them, then END with the count.
 */
public final class GroupsHandler implements CommandHandler {
    private final Groups groups;

    public GroupsHandler(Groups groups) {
        this.groups = groups;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws IOException {
        List<Group> all = groups.list();
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        for (Group g : all) {
            replies.send(Message.of(Command.GROUPS, g.id(), request.portno(), g.name())
                    .withExtension(Extensions.STATE, nodes.textNode(g.state().dbValue()))
                    .withExtension(
                            Extensions.MEMBERS, nodes.numberNode(g.members().size()))
                    .withExtension(Extensions.UNREAD, nodes.numberNode(g.unread()))
                    .withExtension(Extensions.MUTED, nodes.booleanNode(g.muted()))
                    .withExtension(
                            Extensions.CREATOR,
                            nodes.textNode(g.roster().creator().hostname())));
        }
        replies.send(Replies.end("localhost", request.portno(), Integer.toString(all.size())));
    }
}
