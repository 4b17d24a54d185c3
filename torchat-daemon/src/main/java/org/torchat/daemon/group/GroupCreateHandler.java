package org.torchat.daemon.group;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.Replies;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Group;
import org.torchat.daemon.store.Groups;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.group.GroupIds;
import org.torchat.protocol.group.GroupNames;
import org.torchat.protocol.group.GroupSignatures;
import org.torchat.protocol.group.RosterFields;
import org.torchat.protocol.identity.Ed25519Identity;

/**
 * GROUP_CREATE (name in {@code msg}): a new group with us as its creator and only member, its first roster signed
 * by us. END carries the group's id in {@code msg} and in {@code group}.
 */
public final class GroupCreateHandler implements CommandHandler {
    private final Ed25519Identity self;
    private final Groups groups;
    private final Clock clock;

    public GroupCreateHandler(Ed25519Identity self, Groups groups, Clock clock) {
        this.self = self;
        this.groups = groups;
        this.clock = clock;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws RequestException, IOException {
        String name = request.msg();
        Optional<String> problem = GroupNames.problem(name);
        if (problem.isPresent()) {
            throw new RequestException("field 'msg': " + problem.get());
        }
        RosterFields roster =
                new RosterFields(GroupIds.random(), self.onionAddress(), 1, name, List.of(self.onionAddress()));
        Group group = groups.create(roster, GroupSignatures.sign(self, roster), clock.instant());
        replies.send(Replies.end("localhost", request.portno(), group.id())
                .withExtension(Extensions.GROUP, JsonNodeFactory.instance.textNode(group.id())));
    }
}
