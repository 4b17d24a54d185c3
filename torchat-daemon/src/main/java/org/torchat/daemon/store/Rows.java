package org.torchat.daemon.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.torchat.protocol.onion.InvalidOnionAddressException;
import org.torchat.protocol.onion.OnionAddress;

/** Mapping between rows and domain values, shared by the store's tables. */
final class Rows {
    static final String MESSAGE_COLUMNS =
            "id, peer, direction, message_id, body, sent_at, received_at, status, unread, "
                    + "portno, date_text, attempts, next_attempt_at, last_error, verified, sealed";
    /** The UTF-8 length of a message's text, sealed or not (sealing adds exactly SealedBox.OVERHEAD bytes). */
    static final String TEXT_BYTES = "CASE WHEN m.sealed IS NULL THEN LENGTH(CAST(m.body AS BLOB)) "
            + "ELSE LENGTH(m.sealed) - " + org.torchat.protocol.seal.SealedBox.OVERHEAD + " END";

    private Rows() {}

    /** The messages {@code query} selects ({@link #MESSAGE_COLUMNS}), sealed texts opened by {@code seal}. */
    static List<StoredMessage> messages(PreparedStatement query, HistorySeal seal) throws SQLException {
        List<StoredMessage> result = new ArrayList<>();
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                result.add(message(rs, seal));
            }
        }
        return result;
    }

    static StoredMessage message(ResultSet rs, HistorySeal seal) throws SQLException {
        return new StoredMessage(
                rs.getLong("id"),
                address(rs.getString("peer")),
                Direction.fromDb(rs.getString("direction")),
                rs.getString("message_id"),
                seal.text(rs.getString("body"), rs.getBytes("sealed")),
                instant(rs, "sent_at"),
                instant(rs, "received_at"),
                MessageStatus.fromDb(rs.getString("status")),
                rs.getInt("unread") != 0,
                rs.getInt("portno"),
                rs.getString("date_text"),
                rs.getInt("attempts"),
                instant(rs, "next_attempt_at"),
                rs.getString("last_error"),
                rs.getInt("verified") != 0);
    }

    static OnionAddress address(String stored) throws SQLException {
        try {
            return OnionAddress.parse(stored);
        } catch (InvalidOnionAddressException e) {
            throw new SQLException("the store holds an invalid address: " + stored, e);
        }
    }

    static List<OnionAddress> addresses(PreparedStatement query) throws SQLException {
        List<OnionAddress> result = new ArrayList<>();
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                result.add(address(rs.getString(1)));
            }
        }
        return result;
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    static void setMillis(PreparedStatement ps, int index, Instant instant) throws SQLException {
        if (instant == null) {
            ps.setNull(index, java.sql.Types.INTEGER);
        } else {
            ps.setLong(index, instant.toEpochMilli());
        }
    }

    /** Creates the contact on first contact; a no-op afterwards. */
    static void ensureContact(java.sql.Connection c, OnionAddress peer, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO contacts (address, added_at) VALUES (?, ?) ON CONFLICT (address) DO NOTHING")) {
            ps.setString(1, peer.hostname());
            ps.setLong(2, now.toEpochMilli());
            ps.executeUpdate();
        }
    }
}
