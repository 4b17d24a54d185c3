package org.torchat.daemon.group;

import java.io.IOException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.Replies;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Group;
import org.torchat.daemon.store.GroupMessage;
import org.torchat.daemon.store.Groups;
import org.torchat.protocol.Command;
import org.torchat.protocol.Message;

/**
 * GROUP_READ ({@code limit} 1..1000, 100 when absent): the oldest unread group messages of all groups, one GROUP_READ
 * frame each, which are read from then on; END with the count. What {@code torchat watch} prints.
 */
public final class GroupReadHandler implements CommandHandler {
    private final Groups groups;
    private final ZoneId zone;

    public GroupReadHandler(Groups groups, ZoneId zone) {
        this.groups = groups;
        this.zone = zone;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws RequestException, IOException {
        List<GroupMessage> unread = groups.readUnread(GroupHistoryHandler.limit(request, 100, 1000));
        Map<String, String> names = new HashMap<>();
        for (GroupMessage m : unread) {
            String name = names.computeIfAbsent(
                    m.fields().groupId(), id -> groups.find(id).map(Group::name).orElse(""));
            replies.send(GroupMessageFrames.frame(Command.GROUP_READ, m, name, request.portno(), zone));
        }
        replies.send(Replies.end("localhost", request.portno(), Integer.toString(unread.size())));
    }
}
