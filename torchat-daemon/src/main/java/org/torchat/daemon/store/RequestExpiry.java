package org.torchat.daemon.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Drops requests nobody answered: a request opened before the cutoff loses the messages it brought, its row
 * forgets it was a request, and a row left with nothing to remember (no history, block, nickname or transfer) is
 * deleted. Without this, strangers would fill the request caps once and keep them full for good.
 */
public final class RequestExpiry {
    private final Database db;

    public RequestExpiry(Database db) {
        this.db = db;
    }

    /** Expires every request opened before {@code cutoff}; returns how many. */
    public int expireBefore(Instant cutoff) {
        try {
            return db.transaction(c -> {
                long before = cutoff.toEpochMilli();
                String expired = "SELECT address FROM contacts WHERE state = 'request' AND request_since < ?";
                execute(c.prepareStatement("DELETE FROM messages WHERE direction = 'in' AND peer IN (" + expired
                        + ") AND received_at >= (SELECT request_since FROM contacts WHERE address = messages.peer)"),
                        before);
                int count = execute(c.prepareStatement("UPDATE contacts SET state = 'stranger', request_since = NULL, "
                        + "request_messages = 0, request_bytes = 0, "
                        + "unread_count = (SELECT COUNT(*) FROM messages m WHERE m.peer = contacts.address AND m.unread = 1), "
                        + "unread_bytes = (SELECT COALESCE(SUM(LENGTH(CAST(m.body AS BLOB))), 0) FROM messages m "
                        + "WHERE m.peer = contacts.address AND m.unread = 1), "
                        + "unread_since = (SELECT MIN(m.id) FROM messages m WHERE m.peer = contacts.address AND m.unread = 1) "
                        + "WHERE state = 'request' AND request_since < ?"), before);
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM contacts WHERE state = 'stranger' "
                        + "AND blocked = 0 AND nickname IS NULL "
                        + "AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.peer = contacts.address) "
                        + "AND NOT EXISTS (SELECT 1 FROM transfers t WHERE t.peer = contacts.address)")) {
                    ps.executeUpdate();
                }
                return count;
            });
        } catch (SQLException e) {
            throw new StoreException("expiring requests: " + e.getMessage(), e);
        }
    }

    private static int execute(PreparedStatement ps, long before) throws SQLException {
        try (ps) {
            ps.setLong(1, before);
            return ps.executeUpdate();
        }
    }
}
