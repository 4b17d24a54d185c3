package org.torchat.daemon.group;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.Replies;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Contacts;
import org.torchat.daemon.store.Group;
import org.torchat.daemon.store.Groups;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/**
 * GROUP_MEMBERS (group id or unique name in {@code msg}): one GROUP_MEMBERS frame per member of the roster we hold
 * ({@code id} the member's address, {@code msg} our nickname for it or empty, {@code creator} true for the group's
 * creator, {@code muted} true for a member our user muted), in address order, then END with the count.
 */
public final class GroupMembersHandler implements CommandHandler {
    private final GroupResolver resolver;
    private final Groups groups;
    private final Contacts contacts;

    public GroupMembersHandler(GroupResolver resolver, Groups groups, Contacts contacts) {
        this.resolver = resolver;
        this.groups = groups;
        this.contacts = contacts;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws RequestException, IOException {
        Group group = resolver.resolve(request.msg(), "msg");
        java.util.Set<OnionAddress> muted = groups.mutedMembers(group.id());
        for (OnionAddress member : group.members()) {
            String nickname = contacts.find(member).map(c -> c.nickname()).orElse(null);
            replies.send(Message.of(
                            Command.GROUP_MEMBERS,
                            member.hostname(),
                            request.portno(),
                            nickname == null ? "" : nickname)
                    .withExtension(
                            Extensions.CREATOR,
                            JsonNodeFactory.instance.booleanNode(
                                    member.equals(group.roster().creator())))
                    .withExtension(Extensions.MUTED, JsonNodeFactory.instance.booleanNode(muted.contains(member))));
        }
        replies.send(Replies.end(
                group.id(), request.portno(), Integer.toString(group.members().size())));
    }
}
