package org.torchat.daemon.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.torchat.daemon.config.Strangers;
import org.torchat.protocol.onion.OnionAddress;

/**
 * Incoming messages and the seed's unread semantics on top of them: UPDATE pops the oldest unread message of a
 * peer (it stays in history), GET_PEERS lists peers with unread messages in the order their unread run began.
 * Who gets through is decided here, in the transaction that stores: a blocked address is dropped (and counted), a
 * stranger is stored as a request, or refused, as the {@link Strangers} policy says.
 */
public final class Inbox {
    /** What storing an incoming message did. */
    public enum Outcome {
        STORED,
        DUPLICATE,
        /** Not stored: sent before the oldest time accepted, and not a message already stored (a possible replay). */
        TOO_OLD,
        /** Not stored: the sender is blocked. Counted in its row (blocked_drops). */
        BLOCKED,
        /** Not stored: the sender is not a contact and the policy takes messages from contacts only. */
        REFUSED
    }

    private final Database db;
    private final UnreadLimits limits;
    private final ChangeSignal changes;
    private final Strangers strangers;
    private final PendingRequests requests;

    /** Strangers allowed, as before contacts existed, and their requests not capped. */
    public Inbox(Database db, UnreadLimits limits) {
        this(db, limits, new ChangeSignal(), Strangers.ALLOW);
    }

    /** Requests not capped (only the per-peer unread limits apply). */
    public Inbox(Database db, UnreadLimits limits, ChangeSignal changes, Strangers strangers) {
        this(
                db,
                limits,
                changes,
                strangers,
                new RequestLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE / 2));
    }

    /**
     * {@code changes} is signalled ({@link ChangeSignal#MESSAGES}) after every message stored (committed), for
     * requests that wait for one;
     * {@code strangers} says what happens to messages from addresses that are not contacts, and
     * {@code requestLimits} how much of them the store keeps before the user accepts them.
     */
    public Inbox(
            Database db, UnreadLimits limits, ChangeSignal changes, Strangers strangers, RequestLimits requestLimits) {
        this.db = db;
        this.limits = limits;
        this.changes = changes;
        this.strangers = strangers;
        this.requests = new PendingRequests(requestLimits);
    }

    /** Signalled ({@link ChangeSignal#MESSAGES}) whenever a new message has been stored. */
    public ChangeSignal changes() {
        return changes;
    }

    /** Stores an unverified message with no age limit (see the full form below). */
    public Outcome store(OnionAddress peer, String messageId, String text, Instant sentAt, Instant receivedAt)
            throws PeerLimitException {
        return store(peer, messageId, text, sentAt, receivedAt, false, null);
    }

    /**
     * Stores a message from {@code peer} unless one with the same id is already stored; durable when this returns.
     * A message id already stored is a {@link Outcome#DUPLICATE} whatever its age. A new one sent before
     * {@code oldestAccepted} (null: no limit; a message without {@code sentAt} has no age) is
     * {@link Outcome#TOO_OLD} and nothing is written. Over the peer's unread caps, nothing is stored.
     * {@code verified}: the message carried a valid signature by {@code peer}; the peer is then marked verified too.
     */
    public Outcome store(
            OnionAddress peer,
            String messageId,
            String text,
            Instant sentAt,
            Instant receivedAt,
            boolean verified,
            Instant oldestAccepted)
            throws PeerLimitException {
        Stored stored = storeAll(
                        peer, List.of(new Incoming(messageId, text, sentAt)), receivedAt, verified, oldestAccepted)
                .get(0);
        if (stored.overLimit() != null) {
            throw stored.overLimit();
        }
        return stored.outcome();
    }

    /** One message of a batch for {@link #storeAll}. */
    public record Incoming(String messageId, String text, Instant sentAt) {}

    /** What {@link #storeAll} made of one message: its outcome, or (outcome null) the peer's cap it would pass. */
    public record Stored(Outcome outcome, PeerLimitException overLimit) {}

    /**
     * Stores messages from {@code peer} as {@link #store} does, each on its own terms, in one transaction: one commit
     * (one fsync) for the lot, which is what lets one contact's session deliver thousands a second. A message over
     * the peer's caps is not stored and the others still are. Durable when this returns; the results are in the
     * order of {@code batch}.
     */
    public List<Stored> storeAll(
            OnionAddress peer, List<Incoming> batch, Instant receivedAt, boolean verified, Instant oldestAccepted) {
        List<Stored> results;
        try {
            results = db.transaction(c -> {
                List<Stored> each = new ArrayList<>(batch.size());
                try (Statement savepoints = c.createStatement()) {
                    for (Incoming m : batch) {
                        // Each message in its own savepoint: one over a cap leaves no trace (not even a stranger's
                        // row), as if it had been refused alone, while the others are kept.
                        savepoints.execute("SAVEPOINT message");
                        try {
                            each.add(new Stored(storeIn(c, peer, m, receivedAt, verified, oldestAccepted), null));
                        } catch (SQLException e) {
                            if (!(e.getCause() instanceof PeerLimitException limit)) {
                                throw e;
                            }
                            savepoints.execute("ROLLBACK TO message");
                            each.add(new Stored(null, limit));
                        }
                        savepoints.execute("RELEASE message");
                    }
                }
                return each;
            });
        } catch (SQLException e) {
            throw new StoreException("storing messages from " + peer + ": " + e.getMessage(), e);
        }
        if (results.stream().anyMatch(r -> r.outcome() == Outcome.STORED)) {
            changes.signal(ChangeSignal.MESSAGES); // after the commit: a woken waiter finds the messages
        }
        return results;
    }

    private Outcome storeIn(
            Connection c, OnionAddress peer, Incoming m, Instant receivedAt, boolean verified, Instant oldestAccepted)
            throws SQLException {
        Optional<Outcome> turnedAway = turnAway(c, peer);
        if (turnedAway.isPresent()) {
            return turnedAway.get();
        }
        boolean duplicate = exists(c, peer, m.messageId());
        if (!duplicate
                && m.sentAt() != null
                && oldestAccepted != null
                && m.sentAt().isBefore(oldestAccepted)) {
            return Outcome.TOO_OLD;
        }
        Rows.ensureContact(c, peer, receivedAt);
        touch(c, peer, receivedAt);
        if (verified) {
            markPeerVerified(c, peer);
        }
        if (duplicate) {
            return Outcome.DUPLICATE;
        }
        int bytes = m.text().getBytes(StandardCharsets.UTF_8).length;
        checkLimits(c, peer, bytes);
        if (Contacts.state(c, peer).orElse(null) != ContactState.CONTACT) {
            requests.admit(c, peer, bytes, receivedAt);
        }
        long id = insert(c, peer, m.messageId(), m.text(), db.seal(), m.sentAt(), receivedAt, verified);
        countUnread(c, peer, id, bytes);
        return Outcome.STORED;
    }

    /** Marks the oldest unread message of {@code peer} read and returns it. */
    public Optional<StoredMessage> popOldestUnread(OnionAddress peer) {
        return db.run(c -> {
            Optional<StoredMessage> oldest;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.MESSAGE_COLUMNS
                    + " FROM messages WHERE peer = ? AND unread = 1 ORDER BY id LIMIT 1")) {
                ps.setString(1, peer.hostname());
                oldest = Rows.messages(ps, db.seal()).stream().findFirst();
            }
            if (oldest.isPresent()) {
                markRead(c, oldest.get());
            }
            return oldest;
        });
    }

    /**
     * Peers with unread messages, in the order their current run of unread messages began: contacts, and with
     * {@link Strangers#ALLOW} also strangers; never blocked addresses.
     */
    public List<OnionAddress> peersWithUnread() {
        String who = strangers == Strangers.ALLOW ? "" : " AND state = 'contact'";
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT address FROM contacts WHERE unread_count > 0 "
                    + "AND blocked = 0" + who + " ORDER BY unread_since")) {
                return Rows.addresses(ps);
            }
        });
    }

    /** Blocked (counted, nothing else written) or refused by the policy; empty when the message may be stored. */
    private Optional<Outcome> turnAway(Connection c, OnionAddress peer) throws SQLException {
        // Strangers first: with "contacts", a blocked stranger is refused as every stranger is (the block stays
        // invisible); a blocked contact is acknowledged as if stored.
        if (strangers == Strangers.CONTACTS && Contacts.state(c, peer).orElse(null) != ContactState.CONTACT) {
            return Optional.of(Outcome.REFUSED);
        }
        if (Contacts.isBlocked(c, peer)) {
            Contacts.update(c, "UPDATE contacts SET blocked_drops = blocked_drops + 1 WHERE address = ?", peer);
            return Optional.of(Outcome.BLOCKED);
        }
        return Optional.empty();
    }

    private static void touch(Connection c, OnionAddress peer, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE contacts SET last_seen = ? WHERE address = ?")) {
            ps.setLong(1, now.toEpochMilli());
            ps.setString(2, peer.hostname());
            ps.executeUpdate();
        }
    }

    private static boolean exists(Connection c, OnionAddress peer, String messageId) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT 1 FROM messages WHERE peer = ? AND direction = 'in' AND message_id = ?")) {
            ps.setString(1, peer.hostname());
            ps.setString(2, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void checkLimits(Connection c, OnionAddress peer, int bytes) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT unread_count, unread_bytes FROM contacts WHERE address = ?")) {
            ps.setString(1, peer.hostname());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) >= limits.maxMessages()) {
                    throw limit("already " + rs.getInt(1) + " unread messages (limit " + limits.maxMessages() + ")");
                }
                if (rs.getLong(2) + bytes > limits.maxBytes()) {
                    throw limit("unread messages would take " + (rs.getLong(2) + bytes) + " bytes (limit "
                            + limits.maxBytes() + ")");
                }
            }
        }
    }

    private static SQLException limit(String why) {
        return new SQLException(why, new PeerLimitException(why));
    }

    private static void markPeerVerified(Connection c, OnionAddress peer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE contacts SET verified = 1 WHERE address = ?")) {
            ps.setString(1, peer.hostname());
            ps.executeUpdate();
        }
    }

    /** Sealed as it is stored when sealing is on: an incoming text is never on disk in the clear. */
    private static long insert(
            Connection c,
            OnionAddress peer,
            String messageId,
            String text,
            HistorySeal seal,
            Instant sentAt,
            Instant receivedAt,
            boolean verified)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO messages (peer, direction, message_id, body, "
                        + "sent_at, received_at, status, unread, verified, sealed) "
                        + "VALUES (?, 'in', ?, ?, ?, ?, 'received', 1, ?, ?)",
                PreparedStatement.RETURN_GENERATED_KEYS)) {
            byte[] sealed = seal.sealIfOn(text).orElse(null);
            ps.setString(1, peer.hostname());
            ps.setString(2, messageId);
            ps.setString(3, sealed == null ? text : "");
            Rows.setMillis(ps, 4, sentAt);
            Rows.setMillis(ps, 5, receivedAt);
            ps.setInt(6, verified ? 1 : 0);
            ps.setBytes(7, sealed);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static void countUnread(Connection c, OnionAddress peer, long messageRow, int bytes) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE contacts SET unread_count = unread_count + 1, "
                + "unread_bytes = unread_bytes + ?, unread_since = COALESCE(unread_since, ?) WHERE address = ?")) {
            ps.setLong(1, bytes);
            ps.setLong(2, messageRow);
            ps.setString(3, peer.hostname());
            ps.executeUpdate();
        }
    }

    private static void markRead(Connection c, StoredMessage m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE messages SET unread = 0 WHERE id = ?")) {
            ps.setLong(1, m.localId());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE contacts SET unread_count = unread_count - 1, "
                + "unread_bytes = unread_bytes - ?, "
                + "unread_since = CASE WHEN unread_count - 1 = 0 THEN NULL ELSE unread_since END WHERE address = ?")) {
            ps.setLong(1, m.text().getBytes(StandardCharsets.UTF_8).length);
            ps.setString(2, m.peer().hostname());
            ps.executeUpdate();
        }
        PendingRequests.read(c, m);
    }
}
