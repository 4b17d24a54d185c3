package org.torchat.daemon.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.torchat.protocol.onion.OnionAddress;

/**
 * Outgoing messages: queued by SEND, taken by the delivery worker in order, per peer. Every change of a message's
 * status (or of its last error, which HISTORY shows) is signalled after its commit ({@link ChangeSignal#DELIVERY}),
 * so that a client's long poll hears of it.
 */
public final class Outbox {
    private final Database db;
    private final ChangeSignal changes;

    /** For tests and tools that nobody waits on. */
    public Outbox(Database db) {
        this(db, new ChangeSignal());
    }

    public Outbox(Database db, ChangeSignal changes) {
        this.db = db;
        this.changes = changes;
    }

    /**
     * Queues a message with a new random id; durable when this returns. Writing to a peer makes it a contact (the
     * user chose it; a pending request is thereby accepted).
     */
    public StoredMessage enqueue(OnionAddress peer, String text, int portno, String dateText, Instant now) {
        String messageId = MessageIds.random();
        return db.run(c -> {
            Contacts.makeContact(c, peer, now);
            long id;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO messages (peer, direction, message_id, body, "
                            + "sent_at, status, portno, date_text, next_attempt_at) VALUES (?, 'out', ?, ?, ?, 'queued', ?, ?, ?)",
                    PreparedStatement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, peer.hostname());
                ps.setString(2, messageId);
                ps.setString(3, text);
                ps.setLong(4, now.toEpochMilli());
                ps.setInt(5, portno);
                ps.setString(6, dateText);
                ps.setLong(7, now.toEpochMilli());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            return byId(c, id);
        });
    }

    /** The oldest queued message to {@code peer}: it must go out before any later one. */
    public Optional<StoredMessage> oldestQueued(OnionAddress peer) {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.MESSAGE_COLUMNS
                    + " FROM messages WHERE peer = ? AND status = 'queued' ORDER BY id LIMIT 1")) {
                ps.setString(1, peer.hostname());
                return Rows.messages(ps, db.seal()).stream().findFirst();
            }
        });
    }

    /** The first {@code limit} queued messages to {@code peer}, oldest first: what a session sends, in order. */
    public List<StoredMessage> queued(OnionAddress peer, int limit) {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.MESSAGE_COLUMNS
                    + " FROM messages WHERE peer = ? AND status = 'queued' ORDER BY id LIMIT ?")) {
                ps.setString(1, peer.hostname());
                ps.setInt(2, limit);
                return Rows.messages(ps, db.seal());
            }
        });
    }

    /** Makes every queued message to {@code peer} due now: the peer just showed it is reachable. */
    public int retryNow(OnionAddress peer, Instant now) {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE messages SET next_attempt_at = ? "
                    + "WHERE peer = ? AND status = 'queued' AND next_attempt_at > ?")) {
                ps.setLong(1, now.toEpochMilli());
                ps.setString(2, peer.hostname());
                ps.setLong(3, now.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    public List<OnionAddress> peersWithQueued() {
        return db.run(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT DISTINCT peer FROM messages WHERE status = 'queued'")) {
                return Rows.addresses(ps);
            }
        });
    }

    /** Whether {@code peer} has ever acknowledged a message: then silence means failure, not an old daemon. */
    public boolean acknowledges(OnionAddress peer) {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT acks FROM contacts WHERE address = ?")) {
                ps.setString(1, peer.hostname());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getInt(1) != 0;
                }
            }
        });
    }

    public void markDelivered(StoredMessage m, Instant at) {
        markDelivered(List.of(m), at);
    }

    /** Acknowledgements that arrived together, in one transaction: one disk sync for all of them. */
    public void markDelivered(List<StoredMessage> messages, Instant at) {
        if (messages.isEmpty()) {
            return;
        }
        changed(c -> {
            for (StoredMessage m : messages) {
                setStatus(c, m, MessageStatus.DELIVERED, at, null);
                sealDone(c, m);
            }
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE contacts SET acks = 1, last_seen = ? WHERE address = ?")) {
                for (OnionAddress peer :
                        messages.stream().map(StoredMessage::peer).distinct().toList()) {
                    ps.setLong(1, at.toEpochMilli());
                    ps.setString(2, peer.hostname());
                    ps.executeUpdate();
                }
            }
            return null;
        });
        checkpointIfSealed();
    }

    public void markSent(StoredMessage m) {
        changed(c -> setStatus(c, m, MessageStatus.SENT, null, null));
    }

    public void markFailed(StoredMessage m, String error) {
        changed(c -> {
            setStatus(c, m, MessageStatus.FAILED, null, error);
            return sealDone(c, m);
        });
        checkpointIfSealed();
    }

    /**
     * A queued text stays in the clear until it is done with (delivered, failed): the delivery worker must send it
     * while the daemon is locked. Then it is sealed, and SQLite (secure_delete) zeroes the clear text it replaces.
     */
    private Void sealDone(Connection c, StoredMessage m) throws SQLException {
        if (db.seal().on()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE messages SET body = '', sealed = ? WHERE id = ?")) {
                ps.setBytes(1, db.seal().seal(m.text()));
                ps.setLong(2, m.localId());
                ps.executeUpdate();
            }
        }
        return null;
    }

    /** The clear text also left the write-ahead log's frames: the log is emptied into the (zeroed) store. */
    private void checkpointIfSealed() {
        if (db.seal().on()) {
            try {
                db.checkpoint();
            } catch (SQLException e) {
                throw new StoreException("emptying the write-ahead log: " + e.getMessage(), e);
            }
        }
    }

    public void scheduleRetry(StoredMessage m, Instant nextAttempt, String error) {
        changed(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE messages SET attempts = attempts + 1, "
                    + "next_attempt_at = ?, last_error = ? WHERE id = ?")) {
                ps.setLong(1, nextAttempt.toEpochMilli());
                ps.setString(2, error);
                ps.setLong(3, m.localId());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Runs {@code change} and, once it is committed, wakes the clients that wait for one. */
    private void changed(Database.Work<?> change) {
        db.run(change);
        changes.signal(ChangeSignal.DELIVERY);
    }

    private static Void setStatus(Connection c, StoredMessage m, MessageStatus status, Instant receivedAt, String error)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE messages SET status = ?, received_at = ?, "
                + "attempts = attempts + 1, next_attempt_at = NULL, last_error = ? WHERE id = ?")) {
            ps.setString(1, status.dbValue());
            Rows.setMillis(ps, 2, receivedAt);
            ps.setString(3, error);
            ps.setLong(4, m.localId());
            ps.executeUpdate();
        }
        return null;
    }

    private StoredMessage byId(Connection c, long id) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT " + Rows.MESSAGE_COLUMNS + " FROM messages WHERE id = ?")) {
            ps.setLong(1, id);
            return Rows.messages(ps, db.seal()).get(0);
        }
    }
}
