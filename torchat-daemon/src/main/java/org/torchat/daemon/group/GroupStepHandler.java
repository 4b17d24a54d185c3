package org.torchat.daemon.group;

import java.io.IOException;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.Replies;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Group;
import org.torchat.protocol.Message;

/**
 * GROUP_JOIN, GROUP_DECLINE, GROUP_LEAVE (group in {@code msg}): our user's step in a group, said to its creator
 * now or when a session with it opens. END with the group's id. One class, since the three differ only in the step.
 */
public final class GroupStepHandler implements CommandHandler {
    /** What the step does to a group we hold. */
    public interface Step {
        void take(Group group) throws RequestException;
    }

    private final GroupResolver groups;
    private final Step step;

    public GroupStepHandler(GroupResolver groups, Step step) {
        this.groups = groups;
        this.step = step;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws RequestException, IOException {
        Group group = groups.resolve(request.msg(), "msg");
        step.take(group);
        replies.send(Replies.end(group.id(), request.portno(), group.name()));
    }
}
