package org.torchat.daemon.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.torchat.protocol.group.GroupMessageFields;
import org.torchat.protocol.group.RosterFields;
import org.torchat.protocol.onion.OnionAddress;

/**
 * The groups we know and their messages (docs/GROUPS.md). Rosters and messages handed to this class have had their
 * signatures checked by the caller; what is decided here is what the store's state decides: whether a roster is
 * newer, whether an author is a member, whether a message is new, a repeat or a conflicting second version, and
 * whether the group has room for it.
 */
public final class Groups {
    /** What storing a group message did. */
    public enum Outcome {
        STORED,
        /** The same message again (same author, sequence number and id): nothing changed. */
        DUPLICATE,
        /** We are not a member (invited, left, removed): nothing is stored for the group. */
        NOT_JOINED,
        /** Its author is not on the group's roster. */
        NOT_A_MEMBER,
        /** Another message already holds this author's sequence number: kept out, the first one stays. */
        CONFLICT,
        /** The group's stored texts would pass its limit. */
        OVER_LIMIT,
        /**
         * Not the author's next message: one before it is still missing. Kept out, so that one author's messages are
         * stored, and shown, in their order; it comes again once the one before it is here.
         */
        OUT_OF_ORDER
    }

    /** The states in which we take part in a group's traffic: its members' sessions are admitted and dialled. */
    private static final String TAKING_PART = "('member', 'joining', 'leaving')";

    private static final String GROUP_COLUMNS =
            "group_id, name, creator, state, invited_by, roster_version, roster_sig, muted, created_at, "
                    + "stored_bytes, unread_count";
    private static final String MESSAGE_COLUMNS =
            "id, group_id, author, seq, message_id, sent_at, body, sealed, sig, received_at, unread";

    private final Database db;
    private final ChangeSignal changes;
    private final long maxBytesPerGroup;

    /** {@code changes} hears of every message stored ({@link ChangeSignal#MESSAGES}), after its commit. */
    public Groups(Database db, ChangeSignal changes, long maxBytesPerGroup) {
        this.db = db;
        this.changes = changes;
        this.maxBytesPerGroup = maxBytesPerGroup;
    }

    /** A group we created: we are its creator and a member. */
    public Group create(RosterFields roster, byte[] signature, Instant now) {
        return signalled(c -> {
            insertGroup(c, roster, signature, GroupState.MEMBER, null, now);
            return find(c, roster.groupId()).orElseThrow();
        });
    }

    /**
     * An invitation from {@code invitedBy} with the group's roster. A group we already know keeps its state (but one
     * we left or were removed from is open to us again); only a newer roster replaces the one we hold.
     */
    public Group invited(RosterFields roster, byte[] signature, OnionAddress invitedBy, Instant now) {
        return signalled(c -> {
            Optional<Group> known = find(c, roster.groupId());
            if (known.isEmpty()) {
                insertGroup(c, roster, signature, GroupState.INVITED, invitedBy, now);
            } else {
                replaceRoster(c, roster, signature);
                GroupState state = known.get().state();
                if (state == GroupState.LEFT || state == GroupState.REMOVED) {
                    // invited again after we left or were removed: the creator asked anew
                    try (PreparedStatement ps = c.prepareStatement(
                            "UPDATE groups SET state = 'invited', invited_by = ? WHERE group_id = ?")) {
                        ps.setString(1, invitedBy.hostname());
                        ps.setString(2, roster.groupId());
                        ps.executeUpdate();
                    }
                }
            }
            return find(c, roster.groupId()).orElseThrow();
        });
    }

    public Optional<Group> find(String groupId) {
        return db.run(c -> find(c, groupId));
    }

    /** Every group we know, in the order we learned of them. */
    public List<Group> list() {
        return db.run(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT " + GROUP_COLUMNS + " FROM groups ORDER BY created_at, group_id")) {
                return groups(c, ps);
            }
        });
    }

    /**
     * Moves the group from one of {@code from} to {@code to}; false (nothing changed) when it is in none of them. The
     * check and the change are one statement, so two clients answering at once cannot both move it.
     */
    public boolean transition(String groupId, java.util.Set<GroupState> from, GroupState to) {
        return signalled(c -> {
            String states = String.join(
                    ", ", from.stream().map(st -> "'" + st.dbValue() + "'").toList());
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE groups SET state = ? WHERE group_id = ? AND state IN (" + states + ")")) {
                ps.setString(1, to.dbValue());
                ps.setString(2, groupId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * Takes {@code roster} if it is newer than the one held (a lower or equal version changes nothing). A roster
     * that lists {@code self} makes a joining member a member; one that does not makes a leaving member
     * {@link GroupState#LEFT} and anyone else {@link GroupState#REMOVED}. Returns whether it was taken.
     */
    public boolean applyRoster(RosterFields roster, byte[] signature, OnionAddress self) {
        // One transaction: a roster that removes us is never stored without our state saying so.
        return signalled(c -> {
            boolean taken = replaceRoster(c, roster, signature);
            if (taken) {
                if (roster.members().contains(self)) {
                    moveState(c, roster.groupId(), GroupState.JOINING, GroupState.MEMBER);
                } else {
                    moveState(c, roster.groupId(), GroupState.LEAVING, GroupState.LEFT);
                    markRemoved(c, roster.groupId());
                }
            }
            return taken;
        });
    }

    /**
     * Everyone on the roster of a group we take part in (member, joining or leaving), ourselves included: the peers
     * whose sessions we admit and dial although they need not be contacts.
     */
    public java.util.Set<OnionAddress> fellowMembers() {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT m.address FROM group_members m "
                    + "JOIN groups g ON g.group_id = m.group_id WHERE g.state IN " + TAKING_PART)) {
                return new java.util.HashSet<>(Rows.addresses(ps));
            }
        });
    }

    /** Whether {@code peer} is on the roster of a group we take part in: one lookup, asked at every SESSION hello. */
    public boolean isFellowMember(OnionAddress peer) {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM group_members m JOIN groups g "
                    + "ON g.group_id = m.group_id WHERE m.address = ? AND g.state IN " + TAKING_PART + " LIMIT 1")) {
                ps.setString(1, peer.hostname());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** The groups whose roster lists {@code peer}, whatever our state in them. */
    public List<Group> sharedWith(OnionAddress peer) {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + GROUP_COLUMNS + " FROM groups WHERE group_id IN "
                    + "(SELECT group_id FROM group_members WHERE address = ?) ORDER BY created_at, group_id")) {
                ps.setString(1, peer.hostname());
                return groups(c, ps);
            }
        });
    }

    /** How many invitations wait for our user's answer. */
    public int pendingInvitations() {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM groups WHERE state = 'invited'")) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /**
     * Mutes (or unmutes) the whole group when {@code author} is null, else one of its members. Local only: a muted
     * group's messages come as any other's, and clients do not alert for them; a muted member's are never unread and
     * are left out of history. Both are stored and passed on.
     */
    public void mute(String groupId, OnionAddress author, boolean muted) {
        signalled(c -> {
            if (author == null) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE groups SET muted = ? WHERE group_id = ?")) {
                    ps.setInt(1, muted ? 1 : 0);
                    ps.setString(2, groupId);
                    ps.executeUpdate();
                }
                return null;
            }
            String sql = muted
                    ? "INSERT OR IGNORE INTO group_mutes (group_id, author) VALUES (?, ?)"
                    : "DELETE FROM group_mutes WHERE group_id = ? AND author = ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, groupId);
                ps.setString(2, author.hostname());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The members of the group our user muted. */
    public java.util.Set<OnionAddress> mutedMembers(String groupId) {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT author FROM group_mutes WHERE group_id = ?")) {
                ps.setString(1, groupId);
                return new java.util.HashSet<>(Rows.addresses(ps));
            }
        });
    }

    /** The oldest unread group messages of every group, at most {@code limit}; they are read from now on. */
    public List<GroupMessage> readUnread(int limit) {
        return db.run(c -> {
            List<GroupMessage> unread;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + MESSAGE_COLUMNS + " FROM group_messages WHERE unread = 1 ORDER BY id LIMIT ?")) {
                ps.setInt(1, limit);
                unread = messages(ps);
            }
            try (PreparedStatement read = c.prepareStatement("UPDATE group_messages SET unread = 0 WHERE id = ?");
                    PreparedStatement count = c.prepareStatement(
                            "UPDATE groups SET unread_count = " + "MAX(unread_count - 1, 0) WHERE group_id = ?")) {
                for (GroupMessage m : unread) {
                    read.setLong(1, m.id());
                    read.addBatch();
                    count.setString(1, m.fields().groupId());
                    count.addBatch();
                }
                read.executeBatch();
                count.executeBatch();
            }
            return unread;
        });
    }

    /** Runs {@code work} in a transaction, then tells waiting clients that groups changed (their token moves). */
    private <T> T signalled(Database.Work<T> work) {
        T result = db.run(work);
        changes.signal(ChangeSignal.GROUPS);
        return result;
    }

    /** Stores a group message (ours, or one received: then unread) if the group's state lets it in. */
    public Outcome store(GroupMessageFields m, byte[] signature, Instant receivedAt, boolean ours) {
        Outcome outcome = db.run(c -> storeIn(c, m, signature, receivedAt, ours));
        if (outcome == Outcome.STORED) {
            changes.signal(ChangeSignal.MESSAGES);
        }
        return outcome;
    }

    private Outcome storeIn(Connection c, GroupMessageFields m, byte[] signature, Instant receivedAt, boolean ours)
            throws SQLException {
        Optional<Group> group = find(c, m.groupId());
        if (group.isEmpty() || group.get().state() != GroupState.MEMBER) {
            return Outcome.NOT_JOINED;
        }
        if (!group.get().members().contains(m.author())) {
            return Outcome.NOT_A_MEMBER;
        }
        Optional<String> held = messageIdAt(c, m.groupId(), m.author(), m.seq());
        if (held.isPresent()) {
            return held.get().equals(m.messageId()) ? Outcome.DUPLICATE : Outcome.CONFLICT;
        }
        if (m.seq() != contiguous(c, m.groupId(), m.author()) + 1) {
            return Outcome.OUT_OF_ORDER;
        }
        long bytes = m.text().getBytes(StandardCharsets.UTF_8).length;
        if (group.get().storedBytes() + bytes > maxBytesPerGroup) {
            return Outcome.OVER_LIMIT;
        }
        // A muted group still has unread messages (clients show them, without a bell); a muted member's never are.
        boolean unread = !ours && !isMuted(c, m.groupId(), m.author());
        insertMessage(c, m, signature, receivedAt, unread);
        try (PreparedStatement ps = c.prepareStatement("UPDATE groups SET stored_bytes = stored_bytes + ?, "
                + "unread_count = unread_count + ? WHERE group_id = ?")) {
            ps.setLong(1, bytes);
            ps.setInt(2, unread ? 1 : 0);
            ps.setString(3, m.groupId());
            ps.executeUpdate();
        }
        advanceContiguous(c, m.groupId(), m.author(), m.seq());
        return Outcome.STORED;
    }

    /**
     * Whether the group's stored texts are so close to its limit that the longest message would not fit: then
     * asking members for what we lack is pointless.
     */
    public boolean isFull(Group group) {
        return group.storedBytes() + org.torchat.protocol.TextLimits.MAX_ENCODED_BYTES > maxBytesPerGroup;
    }

    /** The sequence number {@code author}'s next message in the group takes: one past the highest held. */
    public long nextSeq(String groupId, OnionAddress author) {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COALESCE(MAX(seq), 0) FROM group_messages WHERE group_id = ? AND author = ?")) {
                ps.setString(1, groupId);
                ps.setString(2, author.hostname());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1) + 1;
                }
            }
        });
    }

    /**
     * Per author, the highest sequence number held with none missing below it: what we offer in a sync. Authors
     * with a gap at 1 are not listed (nothing of theirs counts as held yet).
     */
    public Map<OnionAddress, Long> vector(String groupId) {
        return db.run(c -> {
            Map<OnionAddress, Long> vector = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT author, contiguous FROM group_authors "
                    + "WHERE group_id = ? AND contiguous > 0 ORDER BY author")) {
                ps.setString(1, groupId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        vector.put(Rows.address(rs.getString(1)), rs.getLong(2));
                    }
                }
            }
            return vector;
        });
    }

    /** {@code author}'s messages in the group after sequence number {@code seq}, in order, at most {@code limit}. */
    public List<GroupMessage> after(String groupId, OnionAddress author, long seq, int limit) {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + MESSAGE_COLUMNS + " FROM group_messages "
                    + "WHERE group_id = ? AND author = ? AND seq > ? ORDER BY seq LIMIT ?")) {
                ps.setString(1, groupId);
                ps.setString(2, author.hostname());
                ps.setLong(3, seq);
                ps.setInt(4, limit);
                return messages(ps);
            }
        });
    }

    /**
     * The last {@code n} messages of the group, oldest first, in the order they reached us (so each author's in its
     * own order); muted members' are left out.
     */
    public List<GroupMessage> history(String groupId, int n) {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM (SELECT " + MESSAGE_COLUMNS
                    + " FROM group_messages WHERE group_id = ? AND author NOT IN (SELECT author FROM group_mutes "
                    + "WHERE group_id = group_messages.group_id) ORDER BY id DESC LIMIT ?) ORDER BY id")) {
                ps.setString(1, groupId);
                ps.setInt(2, n);
                return messages(ps);
            }
        });
    }

    private static void insertGroup(
            Connection c, RosterFields roster, byte[] signature, GroupState state, OnionAddress invitedBy, Instant now)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO groups (group_id, name, creator, state, invited_by, "
                        + "roster_version, roster_sig, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, roster.groupId());
            ps.setString(2, roster.name());
            ps.setString(3, roster.creator().hostname());
            ps.setString(4, state.dbValue());
            ps.setString(5, invitedBy == null ? null : invitedBy.hostname());
            ps.setLong(6, roster.version());
            ps.setBytes(7, signature);
            ps.setLong(8, now.toEpochMilli());
            ps.executeUpdate();
        }
        insertMembers(c, roster);
    }

    /**
     * A member the creator's roster no longer lists is removed. An invitee or a joiner is not on any roster yet, so
     * a roster without it says nothing about it.
     */
    private static void markRemoved(Connection c, String groupId) throws SQLException {
        moveState(c, groupId, GroupState.MEMBER, GroupState.REMOVED);
    }

    private static void moveState(Connection c, String groupId, GroupState from, GroupState to) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE groups SET state = ? WHERE group_id = ? AND state = ?")) {
            ps.setString(1, to.dbValue());
            ps.setString(2, groupId);
            ps.setString(3, from.dbValue());
            ps.executeUpdate();
        }
    }

    private static boolean isMuted(Connection c, String groupId, OnionAddress author) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM group_mutes WHERE group_id = ? AND author = ?")) {
            ps.setString(1, groupId);
            ps.setString(2, author.hostname());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static long contiguous(Connection c, String groupId, OnionAddress author) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT contiguous FROM group_authors WHERE group_id = ? AND author = ?")) {
            ps.setString(1, groupId);
            ps.setString(2, author.hostname());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static boolean replaceRoster(Connection c, RosterFields roster, byte[] signature) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE groups SET name = ?, roster_version = ?, roster_sig = ? "
                + "WHERE group_id = ? AND creator = ? AND roster_version < ?")) {
            ps.setString(1, roster.name());
            ps.setLong(2, roster.version());
            ps.setBytes(3, signature);
            ps.setString(4, roster.groupId());
            ps.setString(5, roster.creator().hostname());
            ps.setLong(6, roster.version());
            if (ps.executeUpdate() == 0) {
                return false; // not newer, or not from the group's creator
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM group_members WHERE group_id = ?")) {
            ps.setString(1, roster.groupId());
            ps.executeUpdate();
        }
        insertMembers(c, roster);
        return true;
    }

    private static void insertMembers(Connection c, RosterFields roster) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO group_members (group_id, address) VALUES (?, ?)")) {
            for (OnionAddress member : roster.members()) {
                ps.setString(1, roster.groupId());
                ps.setString(2, member.hostname());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void insertMessage(Connection c, GroupMessageFields m, byte[] signature, Instant receivedAt, boolean unread)
            throws SQLException {
        byte[] sealed = db.seal().sealIfOn(m.text()).orElse(null);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO group_messages (group_id, author, seq, message_id, "
                + "sent_at, body, sealed, sig, received_at, unread) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, m.groupId());
            ps.setString(2, m.author().hostname());
            ps.setLong(3, m.seq());
            ps.setString(4, m.messageId());
            ps.setLong(5, m.timestamp());
            ps.setString(6, sealed == null ? m.text() : "");
            ps.setBytes(7, sealed);
            ps.setBytes(8, signature);
            ps.setLong(9, receivedAt.toEpochMilli());
            ps.setInt(10, unread ? 1 : 0);
            ps.executeUpdate();
        }
    }

    /** Messages are stored in their author's order, so the one just stored is the author's highest. */
    private static void advanceContiguous(Connection c, String groupId, OnionAddress author, long seq)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO group_authors (group_id, author, contiguous) "
                + "VALUES (?, ?, ?) ON CONFLICT (group_id, author) DO UPDATE SET contiguous = excluded.contiguous")) {
            ps.setString(1, groupId);
            ps.setString(2, author.hostname());
            ps.setLong(3, seq);
            ps.executeUpdate();
        }
    }

    private static Optional<String> messageIdAt(Connection c, String groupId, OnionAddress author, long seq)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT message_id FROM group_messages WHERE group_id = ? AND author = ? AND seq = ?")) {
            ps.setString(1, groupId);
            ps.setString(2, author.hostname());
            ps.setLong(3, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static Optional<Group> find(Connection c, String groupId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + GROUP_COLUMNS + " FROM groups WHERE group_id = ?")) {
            ps.setString(1, groupId);
            return groups(c, ps).stream().findFirst();
        }
    }

    private static List<Group> groups(Connection c, PreparedStatement query) throws SQLException {
        List<Group> groups = new ArrayList<>();
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                String id = rs.getString("group_id");
                OnionAddress creator = Rows.address(rs.getString("creator"));
                RosterFields roster = new RosterFields(
                        id, creator, rs.getLong("roster_version"), rs.getString("name"), members(c, id));
                String invitedBy = rs.getString("invited_by");
                groups.add(new Group(
                        roster,
                        rs.getBytes("roster_sig"),
                        GroupState.fromDb(rs.getString("state")),
                        invitedBy == null ? null : Rows.address(invitedBy),
                        rs.getInt("muted") != 0,
                        Instant.ofEpochMilli(rs.getLong("created_at")),
                        rs.getLong("stored_bytes"),
                        rs.getInt("unread_count")));
            }
        }
        return groups;
    }

    private static List<OnionAddress> members(Connection c, String groupId) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT address FROM group_members WHERE group_id = ? ORDER BY address")) {
            ps.setString(1, groupId);
            return Rows.addresses(ps);
        }
    }

    private List<GroupMessage> messages(PreparedStatement query) throws SQLException {
        List<GroupMessage> messages = new ArrayList<>();
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                GroupMessageFields fields = new GroupMessageFields(
                        rs.getString("group_id"),
                        Rows.address(rs.getString("author")),
                        rs.getLong("seq"),
                        rs.getString("message_id"),
                        rs.getLong("sent_at"),
                        db.seal().text(rs.getString("body"), rs.getBytes("sealed")));
                messages.add(new GroupMessage(
                        rs.getLong("id"),
                        fields,
                        rs.getBytes("sig"),
                        Instant.ofEpochMilli(rs.getLong("received_at")),
                        rs.getInt("unread") != 0));
            }
        }
        return messages;
    }
}
