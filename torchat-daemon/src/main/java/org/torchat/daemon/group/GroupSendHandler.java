package org.torchat.daemon.group;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import org.torchat.daemon.net.Arguments;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.Replies;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Group;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.group.GroupMessageFields;

/**
 * GROUP_SEND (text in {@code msg}, group in {@code group}: its id or unique name): stored, signed, and passed to the
 * members with a session now, to the others when they are met. END with {@code mid} and {@code seq}.
 */
public final class GroupSendHandler implements CommandHandler {
    private final GroupResolver groups;
    private final GroupWriter writer;

    public GroupSendHandler(GroupResolver groups, GroupWriter writer) {
        this.groups = groups;
        this.writer = writer;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws RequestException, IOException {
        JsonNode named = request.extension(Extensions.GROUP).orElse(null);
        if (named == null || !named.isTextual()) {
            throw new RequestException("field '" + Extensions.GROUP + "' must name the group (its id or name)");
        }
        Group group = groups.resolve(named.textValue(), Extensions.GROUP);
        String text = Arguments.text(request.msg(), "msg");
        GroupMessageFields m = writer.write(group, text);
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        replies.send(Replies.end(group.id(), request.portno(), "")
                .withExtension(Extensions.MESSAGE_ID, nodes.textNode(m.messageId()))
                .withExtension(Extensions.SEQUENCE, nodes.numberNode(m.seq())));
    }
}
