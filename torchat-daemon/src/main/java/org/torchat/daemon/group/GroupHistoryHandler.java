package org.torchat.daemon.group;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.ZoneId;
import java.util.List;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.Replies;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Group;
import org.torchat.daemon.store.GroupMessage;
import org.torchat.daemon.store.Groups;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;

/**
 * GROUP_HISTORY (group in {@code msg}, {@code limit} 1..1000, 50 when absent): its last messages, oldest first, one
 * GROUP_HISTORY frame each (muted members' left out), then END with the count. Marks nothing read.
 */
public final class GroupHistoryHandler implements CommandHandler {
    static final int MAX_MESSAGES = 1000;
    static final int DEFAULT_MESSAGES = 50;

    private final GroupResolver resolver;
    private final Groups groups;
    private final ZoneId zone;

    public GroupHistoryHandler(GroupResolver resolver, Groups groups, ZoneId zone) {
        this.resolver = resolver;
        this.groups = groups;
        this.zone = zone;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws RequestException, IOException {
        Group group = resolver.resolve(request.msg(), "msg");
        List<GroupMessage> messages = groups.history(group.id(), limit(request, DEFAULT_MESSAGES, MAX_MESSAGES));
        for (GroupMessage m : messages) {
            replies.send(GroupMessageFrames.frame(Command.GROUP_HISTORY, m, group.name(), request.portno(), zone));
        }
        replies.send(Replies.end(group.id(), request.portno(), Integer.toString(messages.size())));
    }

    /** The request's {@code limit}, {@code absent} when it has none. */
    static int limit(Message request, int absent, int max) throws RequestException {
        JsonNode limit = request.extension(Extensions.LIMIT).orElse(null);
        if (limit == null) {
            return absent;
        }
        if (!limit.isIntegralNumber() || limit.longValue() < 1 || limit.longValue() > max) {
            throw new RequestException("field '" + Extensions.LIMIT + "' must be 1.." + max + ", got " + limit);
        }
        return limit.intValue();
    }
}
