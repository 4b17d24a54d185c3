package org.torchat.daemon.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collections;
import java.util.List;
import org.torchat.protocol.onion.OnionAddress;

/** The stored conversation with a peer, both directions. */
public final class History {
    private final Database db;

    public History(Database db) {
        this.db = db;
    }

    /** The last {@code n} messages with {@code peer}, oldest first. */
    public List<StoredMessage> last(OnionAddress peer, int n) {
        List<StoredMessage> newestFirst = db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + Rows.MESSAGE_COLUMNS + " FROM messages WHERE peer = ? ORDER BY id DESC LIMIT ?")) {
                ps.setString(1, peer.hostname());
                ps.setInt(2, n);
                return Rows.messages(ps, db.seal());
            }
        });
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /**
     * Up to {@code limit} messages with {@code peer} stored after the one whose {@link StoredMessage#localId()} is
     * {@code afterLocalId} (0: from the first), oldest first: a whole conversation read page by page, so that a long
     * export never holds the store for long.
     */
    public List<StoredMessage> page(OnionAddress peer, long afterLocalId, int limit) {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.MESSAGE_COLUMNS
                    + " FROM messages WHERE peer = ? AND id > ? ORDER BY id LIMIT ?")) {
                ps.setString(1, peer.hostname());
                ps.setLong(2, afterLocalId);
                ps.setInt(3, limit);
                return Rows.messages(ps, db.seal());
            }
        });
    }

    /** Whether {@code peer} has ever sent a message with a valid signature (contacts.verified). */
    public boolean peerVerified(OnionAddress peer) {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT verified FROM contacts WHERE address = ?")) {
                ps.setString(1, peer.hostname());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getInt(1) != 0;
                }
            }
        });
    }
}
