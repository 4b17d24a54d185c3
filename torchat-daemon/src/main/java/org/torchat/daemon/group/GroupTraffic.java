package org.torchat.daemon.group;

import java.io.IOException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;
import org.torchat.daemon.session.SessionLink;
import org.torchat.daemon.session.SessionTraffic;
import org.torchat.daemon.store.GroupInvites;
import org.torchat.daemon.store.Groups;
import org.torchat.protocol.Command;
import org.torchat.protocol.Message;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;
import org.torchat.protocol.session.SessionException;

/** Groups, put together for the daemon: membership and sync, riding on sessions; the writer for GROUP_SEND. */
public final class GroupTraffic implements SessionTraffic, AutoCloseable {
    private static final Set<Command> MEMBERSHIP = EnumSet.of(
            Command.GROUP_INVITE, Command.GROUP_ROSTER, Command.GROUP_JOIN, Command.GROUP_DECLINE, Command.GROUP_LEAVE);

    private final GroupSync sync;
    private final GroupMembership membership;
    private final GroupWriter writer;

    /**
     * {@code authorRate}, {@code authorBurst}: group messages a minute, and at once, per author (a contact's RECV
     * budget); {@code maxMembers}: groupmaxmembers.
     */
    public GroupTraffic(
            Ed25519Identity identity,
            Groups groups,
            GroupInvites invites,
            GroupLinks links,
            Predicate<OnionAddress> isContact,
            Predicate<OnionAddress> speaksSessions,
            int maxMembers,
            int authorRate,
            int authorBurst,
            Clock clock) {
        this.sync = new GroupSync(
                identity.onionAddress(), groups, clock, new AuthorBudgets(authorRate, authorBurst, clock::millis));
        this.membership = new GroupMembership(
                identity, groups, invites, links, sync, isContact, speaksSessions, maxMembers, clock);
        this.writer = new GroupWriter(identity, groups, sync, clock);
    }

    public GroupMembership membership() {
        return membership;
    }

    public GroupWriter writer() {
        return writer;
    }

    @Override
    public boolean carries(Command cmd) {
        return MEMBERSHIP.contains(cmd) || cmd == Command.GROUP_HAVE || cmd == Command.GROUP_MSG;
    }

    @Override
    public void opened(SessionLink link) {
        membership.opened(link);
        sync.opened(link);
    }

    @Override
    public void closed(SessionLink link) {
        sync.closed(link);
    }

    @Override
    public void handle(SessionLink link, Message frame) throws IOException, SessionException {
        if (MEMBERSHIP.contains(frame.cmd())) {
            membership.handle(link, frame);
        } else if (frame.cmd() == Command.GROUP_HAVE) {
            sync.onHave(link, GroupFrames.parseHave(frame));
        } else {
            sync.onMessage(link, GroupFrames.parseMessage(frame));
        }
    }

    @Override
    public void close() {
        sync.close();
    }
}
