package org.torchat.daemon.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Drops requests nobody answered: a request that has waited since before the cutoff with messages still unread loses
 * those unread messages (what the user read stays, as history), its counters start again, a row left with no message
 * of its request becomes a {@code stranger}, and a row with nothing left to remember (no history, block, nickname or
 * transfer) is deleted. Without this, strangers would fill the request caps once and keep them full for good.
 */
public final class RequestExpiry {
    private static final String EXPIRED =
            "SELECT address FROM contacts WHERE state = 'request' " + "AND request_messages > 0 AND request_since < ?";

    private final Database db;

    public RequestExpiry(Database db) {
        this.db = db;
    }

    /** Expires every request waiting since before {@code cutoff}; returns how many. */
    public int expireBefore(Instant cutoff) {
        try {
            return db.transaction(c -> {
                long before = cutoff.toEpochMilli();
                execute(
                        c.prepareStatement("DELETE FROM messages WHERE direction = 'in' AND unread = 1 AND peer IN ("
                                + EXPIRED + ") AND received_at >= "
                                + "(SELECT request_since FROM contacts WHERE address = messages.peer)"),
                        before);
                int count = execute(
                        c.prepareStatement("UPDATE contacts SET request_messages = 0, request_bytes = 0, "
                                + "unread_count = (SELECT COUNT(*) FROM messages m WHERE m.peer = contacts.address "
                                + "AND m.unread = 1), "
                                + "unread_bytes = (SELECT COALESCE(SUM(" + Rows.TEXT_BYTES + "), 0) FROM messages m "
                                + "WHERE m.peer = contacts.address AND m.unread = 1), "
                                + "unread_since = (SELECT MIN(m.id) FROM messages m WHERE m.peer = contacts.address "
                                + "AND m.unread = 1) "
                                + "WHERE address IN (" + EXPIRED + ")"),
                        before);
                update(
                        c,
                        "UPDATE contacts SET state = 'stranger', request_since = NULL WHERE state = 'request' "
                                + "AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.peer = contacts.address "
                                + "AND m.direction = 'in' AND m.received_at >= contacts.request_since)");
                update(
                        c,
                        "DELETE FROM contacts WHERE state = 'stranger' AND blocked = 0 AND nickname IS NULL "
                                + "AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.peer = contacts.address) "
                                + "AND NOT EXISTS (SELECT 1 FROM transfers t WHERE t.peer = contacts.address)");
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

    private static void update(java.sql.Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.executeUpdate();
        }
    }
}
