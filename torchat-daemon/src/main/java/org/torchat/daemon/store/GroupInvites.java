package org.torchat.daemon.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The invitations a creator has sent and not yet seen answered. Each is sent again whenever a session with the
 * invitee opens, until the invitee joins, declines, or the creator removes it: an invitation survives the
 * invitee being offline and either daemon restarting.
 */
public final class GroupInvites {
    private final Database db;

    public GroupInvites(Database db) {
        this.db = db;
    }

    /** Records the invitation (again: its time is kept from the first). */
    public void add(String groupId, org.torchat.protocol.onion.OnionAddress invitee, Instant now) {
        db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT OR IGNORE INTO group_invites (group_id, address, invited_at) VALUES (?, ?, ?)")) {
                ps.setString(1, groupId);
                ps.setString(2, invitee.hostname());
                ps.setLong(3, now.toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Forgets the invitation; whether there was one. */
    public boolean remove(String groupId, org.torchat.protocol.onion.OnionAddress invitee) {
        return db.run(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM group_invites WHERE group_id = ? AND address = ?")) {
                ps.setString(1, groupId);
                ps.setString(2, invitee.hostname());
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Whether {@code invitee} has an unanswered invitation to the group. */
    public boolean has(String groupId, org.torchat.protocol.onion.OnionAddress invitee) {
        return db.run(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT 1 FROM group_invites WHERE group_id = ? AND address = ?")) {
                ps.setString(1, groupId);
                ps.setString(2, invitee.hostname());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** How many invitations of the group are unanswered. */
    public int count(String groupId) {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM group_invites WHERE group_id = ?")) {
                ps.setString(1, groupId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** The groups that have an unanswered invitation for {@code invitee}. */
    public List<String> groupsInviting(org.torchat.protocol.onion.OnionAddress invitee) {
        return db.run(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT group_id FROM group_invites WHERE address = ? ORDER BY invited_at")) {
                ps.setString(1, invitee.hostname());
                List<String> ids = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
                return ids;
            }
        });
    }
}
