package org.torchat.daemon.group;

import java.time.Clock;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Group;
import org.torchat.daemon.store.GroupState;
import org.torchat.daemon.store.Groups;
import org.torchat.daemon.store.MessageIds;
import org.torchat.protocol.group.GroupMessageFields;
import org.torchat.protocol.group.GroupSignatures;
import org.torchat.protocol.identity.Ed25519Identity;

/**
 * Our own group messages: numbered (one past our highest in the group), signed, stored, then passed to every member
 * with a session at once. One at a time, so that two clients writing together never take the same number.
 */
public final class GroupWriter {
    private final Ed25519Identity identity;
    private final Groups groups;
    private final GroupSync sync;
    private final Clock clock;

    GroupWriter(Ed25519Identity identity, Groups groups, GroupSync sync, Clock clock) {
        this.identity = identity;
        this.groups = groups;
        this.sync = sync;
        this.clock = clock;
    }

    /** Stores and sends {@code text}; the message as stored. */
    public synchronized GroupMessageFields write(Group group, String text) throws RequestException {
        if (group.state() != GroupState.MEMBER) {
            throw new RequestException("you are not a member of '" + group.name() + "' ("
                    + group.state().dbValue() + "): nothing can be written to it");
        }
        GroupMessageFields m = new GroupMessageFields(
                group.id(),
                identity.onionAddress(),
                groups.nextSeq(group.id(), identity.onionAddress()),
                MessageIds.random(),
                clock.millis(),
                text);
        Groups.Outcome outcome = groups.store(m, GroupSignatures.sign(identity, m), clock.instant(), true);
        if (outcome != Groups.Outcome.STORED) {
            throw new RequestException(
                    outcome == Groups.Outcome.OVER_LIMIT
                            ? "'" + group.name() + "' holds as much text as a group may (" + "groupmaxbytes); not sent"
                            : "not stored: " + outcome.name().toLowerCase(java.util.Locale.ROOT));
        }
        sync.stored(groups.find(group.id()).orElseThrow());
        return m;
    }
}
