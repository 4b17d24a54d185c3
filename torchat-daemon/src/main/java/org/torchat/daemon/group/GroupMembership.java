package org.torchat.daemon.group;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.session.SessionLink;
import org.torchat.daemon.store.Group;
import org.torchat.daemon.store.GroupInvites;
import org.torchat.daemon.store.GroupState;
import org.torchat.daemon.store.Groups;
import org.torchat.protocol.Command;
import org.torchat.protocol.Message;
import org.torchat.protocol.group.GroupSignatures;
import org.torchat.protocol.group.RosterFields;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;
import org.torchat.protocol.session.SessionException;

/**
 * Who is in a group (docs/GROUPS.md, "Membership"): the creator invites, takes joins and leaves and removes, each
 * time issuing the next signed roster; an invitee joins or declines; a member leaves. Every step that needs the
 * other daemon is said at once over a live session, or when the next one opens: an answer survives either side
 * being offline or restarting.
 */
public final class GroupMembership {
    private static final Logger LOG = LoggerFactory.getLogger(GroupMembership.class);
    /** Invitations waiting for our user's answer at most; further ones are dropped, like requests beyond theirs. */
    public static final int MAX_PENDING_INVITATIONS = 20;

    private final Ed25519Identity identity;
    private final OnionAddress self;
    private final Groups groups;
    private final GroupInvites invites;
    private final GroupLinks links;
    private final GroupSync sync;
    private final Predicate<OnionAddress> isContact;
    private final Predicate<OnionAddress> speaksSessions;
    private final int maxMembers;
    private final Clock clock;

    /**
     * {@code isContact}: a contact, not blocked (only contacts are invited, and invitations only come from them);
     * {@code speaksSessions}: false for a peer whose daemon is known not to open sessions (protocol 1).
     */
    GroupMembership(
            Ed25519Identity identity,
            Groups groups,
            GroupInvites invites,
            GroupLinks links,
            GroupSync sync,
            Predicate<OnionAddress> isContact,
            Predicate<OnionAddress> speaksSessions,
            int maxMembers,
            Clock clock) {
        this.identity = identity;
        this.self = identity.onionAddress();
        this.groups = groups;
        this.invites = invites;
        this.links = links;
        this.sync = sync;
        this.isContact = isContact;
        this.speaksSessions = speaksSessions;
        this.maxMembers = maxMembers;
        this.clock = clock;
    }

    // --- the creator's side ---

    /** Invites {@code peers} (contacts) to a group we created; each hears of it now or when its session opens. */
    public synchronized void invite(Group group, List<OnionAddress> peers) throws RequestException {
        group = current(group); // another request may have changed it since it was named
        requireCreator(group, "invite");
        for (OnionAddress peer : peers) {
            if (peer.equals(self) || group.members().contains(peer)) {
                throw new RequestException(peer + " is a member of '" + group.name() + "' already");
            }
            if (!isContact.test(peer)) {
                throw new RequestException(peer + " is not your contact: only contacts can be invited");
            }
            if (!speaksSessions.test(peer)) {
                throw new RequestException(peer + "'s daemon does not speak protocol 2 (sessions), which groups need:"
                        + " it cannot be invited until it is upgraded");
            }
        }
        String id = group.id();
        long fresh = peers.stream().filter(p -> !invites.has(id, p)).count();
        long total = group.members().size() + invites.count(group.id()) + fresh;
        if (total > maxMembers) {
            throw new RequestException("'" + group.name() + "' would have " + total + " members and invitations; at"
                    + " most " + maxMembers + " (groupmaxmembers)");
        }
        for (OnionAddress peer : peers) {
            invites.add(group.id(), peer, clock.instant());
            Optional<SessionLink> link = links.link(peer);
            if (link.isPresent()) {
                GroupSync.sendQuietly(link.get(), inviteFrame(group));
            } else {
                links.dialSoon(peer);
            }
        }
    }

    /** The creator removes {@code peer}, a member or an invitee. */
    public synchronized void remove(Group group, OnionAddress peer) throws RequestException {
        group = current(group);
        requireCreator(group, "remove members from");
        if (peer.equals(self)) {
            throw new RequestException("you created '" + group.name() + "': you cannot remove yourself");
        }
        boolean wasInvited = invites.remove(group.id(), peer);
        if (!group.members().contains(peer)) {
            if (!wasInvited) {
                throw new RequestException(peer + " is neither a member of '" + group.name() + "' nor invited to it");
            }
            return;
        }
        issue(group, without(group.members(), peer), List.of(peer));
    }

    private Group current(Group named) throws RequestException {
        return groups.find(named.id()).orElseThrow(() -> new RequestException("the group " + named.id() + " is gone"));
    }

    private void requireCreator(Group group, String what) throws RequestException {
        if (!group.roster().creator().equals(self)) {
            throw new RequestException("only the group's creator ("
                    + group.roster().creator() + ") can " + what + " '" + group.name() + "'");
        }
        if (group.state() != GroupState.MEMBER) {
            throw new RequestException(
                    "'" + group.name() + "' is " + group.state().dbValue());
        }
    }

    /** Signs and keeps the next roster, and sends it to every member (and once to {@code dropped}). */
    private void issue(Group group, List<OnionAddress> members, List<OnionAddress> dropped) {
        RosterFields next = new RosterFields(group.id(), self, group.roster().version() + 1, group.name(), members);
        if (!groups.applyRoster(next, GroupSignatures.sign(identity, next), self)) {
            throw new IllegalStateException("roster " + next.version() + " of " + group.id() + " was not newer");
        }
        Group updated = groups.find(group.id()).orElseThrow();
        for (OnionAddress member : members) {
            links.dialSoon(member);
        }
        dropped.forEach(links::reconsider);
        sync.rosterIssued(updated, dropped);
    }

    /**
     * A JOIN: an invitee becomes a member with the next roster. Anyone else who says JOIN (a member again, someone
     * no longer invited, a full group) gets the current roster, to it alone: a flood of JOINs costs one frame each.
     */
    private synchronized void onJoin(SessionLink link, String groupId) {
        OnionAddress peer = link.peer();
        Optional<Group> group = createdByUs(groupId);
        if (group.isEmpty()) {
            return;
        }
        boolean joins = !group.get().members().contains(peer)
                && group.get().members().size() < maxMembers
                && invites.remove(groupId, peer);
        if (!joins) {
            LOG.debug("GROUP_JOIN from {}, not (or no longer) invited: it gets the roster", peer);
            GroupSync.sendQuietly(link, sync.rosterFrame(group.get()));
            return;
        }
        List<OnionAddress> members = new ArrayList<>(group.get().members());
        members.add(peer);
        issue(group.get(), members, List.of());
    }

    /** A LEAVE: the next roster drops the member; one that is not a member gets the current roster, which says so. */
    private synchronized void onLeave(SessionLink link, String groupId) {
        OnionAddress peer = link.peer();
        Optional<Group> group = createdByUs(groupId);
        if (group.isEmpty() || peer.equals(self)) {
            return;
        }
        invites.remove(groupId, peer);
        if (group.get().members().contains(peer)) {
            issue(group.get(), without(group.get().members(), peer), List.of(peer));
        } else {
            GroupSync.sendQuietly(link, sync.rosterFrame(group.get()));
        }
    }

    private Optional<Group> createdByUs(String groupId) {
        return groups.find(groupId).filter(g -> g.roster().creator().equals(self) && g.state() == GroupState.MEMBER);
    }

    // --- the invitee's and member's side ---

    /** Our user accepts the invitation: the creator hears it now or when a session with it opens. */
    public void join(Group group) throws RequestException {
        if (!groups.transition(group.id(), EnumSet.of(GroupState.INVITED), GroupState.JOINING)) {
            throw new RequestException(notInvited(group));
        }
        tellCreator(group, Command.GROUP_JOIN);
    }

    public void decline(Group group) throws RequestException {
        if (!groups.transition(group.id(), EnumSet.of(GroupState.INVITED), GroupState.DECLINED)) {
            throw new RequestException(notInvited(group));
        }
        tellCreator(group, Command.GROUP_DECLINE);
    }

    /** Our user leaves: nothing of the group is taken from now on; the creator issues a roster without us. */
    public void leave(Group group) throws RequestException {
        if (group.roster().creator().equals(self)) {
            throw new RequestException(
                    "you created '" + group.name() + "', so you cannot leave it; remove its " + "members instead");
        }
        if (groups.transition(group.id(), EnumSet.of(GroupState.JOINING), GroupState.LEFT)) {
            tellCreator(group, Command.GROUP_LEAVE); // not on its roster yet: left at once, the creator told
            group.members().forEach(links::reconsider);
            return;
        }
        if (!groups.transition(group.id(), EnumSet.of(GroupState.MEMBER), GroupState.LEAVING)) {
            throw new RequestException("you are not a member of '" + group.name() + "' ("
                    + group.state().dbValue() + ")");
        }
        tellCreator(group, Command.GROUP_LEAVE);
    }

    private static String notInvited(Group group) {
        return "there is no open invitation to '" + group.name() + "': it is "
                + group.state().dbValue();
    }

    private void tellCreator(Group group, Command answer) {
        OnionAddress creator = group.roster().creator();
        Optional<SessionLink> link = links.link(creator);
        if (link.isPresent()) {
            GroupSync.sendQuietly(link.get(), GroupFrames.answer(answer, self, group.id()));
        } else if (answer != Command.GROUP_DECLINE) {
            links.dialSoon(creator); // a decline waits: the creator sends the invitation again, and hears it then
        }
    }

    private void onInvite(SessionLink link, GroupFrames.SignedRoster invitation) throws IOException, SessionException {
        RosterFields roster = invitation.fields();
        OnionAddress from = link.peer();
        if (!roster.creator().equals(from) || !isContact.test(from)) {
            LOG.debug("invitation from {} dropped: only a contact who created the group invites", from);
            return;
        }
        Optional<Group> known = groups.find(roster.groupId());
        if (known.isEmpty() && groups.pendingInvitations() >= MAX_PENDING_INVITATIONS) {
            LOG.debug("invitation from {} dropped: {} invitations wait already", from, MAX_PENDING_INVITATIONS);
            return; // before the signature: a flood of invitations costs no key operation
        }
        if (!GroupSignatures.verify(roster, invitation.signature())) {
            throw new SessionException("an invitation whose roster is not signed by its creator " + from);
        }
        if (known.isPresent()) {
            switch (known.get().state()) {
                case DECLINED -> link.send(GroupFrames.answer(Command.GROUP_DECLINE, self, roster.groupId()));
                case JOINING, MEMBER -> link.send(GroupFrames.answer(Command.GROUP_JOIN, self, roster.groupId()));
                default -> groups.invited(roster, invitation.signature(), from, clock.instant());
            }
            return;
        }
        groups.invited(roster, invitation.signature(), from, clock.instant());
    }

    /** A roster passed on by any member: kept when newer and its creator's signature holds. */
    private void onRoster(SessionLink link, GroupFrames.SignedRoster signed) throws SessionException {
        RosterFields roster = signed.fields();
        Optional<Group> known = groups.find(roster.groupId());
        if (known.isEmpty()
                || !known.get().roster().creator().equals(roster.creator())
                || roster.version() <= known.get().roster().version()) {
            return; // cheap refusals first: an unknown group, another creator, nothing newer
        }
        if (!GroupSignatures.verify(roster, signed.signature())) {
            throw new SessionException("a roster not signed by its group's creator " + roster.creator());
        }
        if (groups.applyRoster(roster, signed.signature(), self)) {
            Group updated = groups.find(roster.groupId()).orElseThrow();
            List<OnionAddress> gone = new ArrayList<>(known.get().members());
            if (updated.state() == GroupState.MEMBER) {
                gone.removeAll(roster.members());
            }
            gone.remove(self);
            gone.forEach(links::reconsider); // removed members, or all of them once we are out
            if (updated.state() == GroupState.MEMBER) {
                roster.members().forEach(links::dialSoon);
            }
            sync.stored(updated); // syncs with members carry the new roster, and now reach new members
        }
    }

    /** A session opened: what waits for its peer goes (invitations, joins, leaves). */
    void opened(SessionLink link) {
        OnionAddress peer = link.peer();
        for (String groupId : invites.groupsInviting(peer)) {
            createdByUs(groupId).ifPresent(g -> GroupSync.sendQuietly(link, inviteFrame(g)));
        }
        for (Group group : groups.sharedWith(peer)) {
            if (!group.roster().creator().equals(peer)) {
                continue;
            }
            if (group.state() == GroupState.JOINING) {
                GroupSync.sendQuietly(link, GroupFrames.answer(Command.GROUP_JOIN, self, group.id()));
            } else if (group.state() == GroupState.LEAVING) {
                GroupSync.sendQuietly(link, GroupFrames.answer(Command.GROUP_LEAVE, self, group.id()));
            }
        }
    }

    void handle(SessionLink link, Message frame) throws IOException, SessionException {
        switch (frame.cmd()) {
            case GROUP_INVITE -> onInvite(link, GroupFrames.parseRoster(frame));
            case GROUP_ROSTER -> onRoster(link, GroupFrames.parseRoster(frame));
            case GROUP_JOIN -> onJoin(link, GroupFrames.groupId(frame));
            case GROUP_DECLINE -> {
                if (invites.remove(GroupFrames.groupId(frame), link.peer())) {
                    LOG.debug("{} declined an invitation", link.peer());
                }
            }
            case GROUP_LEAVE -> onLeave(link, GroupFrames.groupId(frame));
            default -> throw new SessionException(frame.cmd() + " is not a membership frame");
        }
    }

    private Message inviteFrame(Group group) {
        return GroupFrames.roster(Command.GROUP_INVITE, self, group.roster(), group.rosterSignature());
    }

    private static List<OnionAddress> without(List<OnionAddress> members, OnionAddress gone) {
        List<OnionAddress> rest = new ArrayList<>(members);
        rest.remove(gone);
        return rest;
    }
}
