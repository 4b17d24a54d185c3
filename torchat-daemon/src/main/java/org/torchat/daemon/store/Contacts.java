package org.torchat.daemon.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.torchat.protocol.Nicknames;
import org.torchat.protocol.onion.OnionAddress;

/**
 * The contact list on top of the contacts table: contacts with nicknames, strangers' requests, blocked addresses.
 * Nicknames arrive checked against {@link Nicknames}; uniqueness (case-insensitive) is checked here. Each change is
 * one transaction; a change that does not apply (not a contact, nickname taken...) is a {@link ContactException}.
 */
public final class Contacts {
    private static final String COLUMNS = "c.address, c.nickname, c.state, c.added_at, c.last_seen, c.unread_count, "
            + "c.blocked, c.blocked_drops, c.verified, NULL AS first_message, NULL AS first_sealed";
    /**
     * With a request's preview: the first {@code ?} characters of its first message since it became a request, cut
     * in SQL so that a listing never loads whole messages. The lookup walks the peer's messages from where the
     * request began (only REQUESTS asks for it: for a contact it would walk its whole history).
     */
    private static final String FIRST_MESSAGE = " FROM messages m WHERE m.peer = c.address AND m.direction = 'in' "
            + "AND m.received_at >= c.request_since ORDER BY m.id LIMIT 1)";
    /** A sealed first message cannot be cut in SQL: it is opened and cut here ({@link #preview}). */
    private static final String COLUMNS_WITH_PREVIEW = COLUMNS.replace(
            "NULL AS first_message, NULL AS first_sealed",
            "(SELECT SUBSTR(m.body, 1, ?)" + FIRST_MESSAGE + " AS first_message, (SELECT m.sealed" + FIRST_MESSAGE
                    + " AS first_sealed");

    private final Database db;

    public Contacts(Database db) {
        this.db = db;
    }

    /** Contacts, and blocked addresses that are not contacts, ordered by nickname (else address). */
    public List<Contact> list() {
        return query("WHERE c.state = 'contact' OR c.blocked = 1 ORDER BY COALESCE(c.nickname_key, c.address)");
    }

    /**
     * Strangers who wrote to us and are neither accepted nor blocked, oldest first: {@code limit} of them from
     * {@code offset}, each with at most {@code previewChars} characters of its first message.
     */
    public List<Contact> requests(int offset, int limit, int previewChars) {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS_WITH_PREVIEW + " FROM contacts c "
                    + "WHERE c.state = 'request' AND c.blocked = 0 ORDER BY c.request_since, c.address "
                    + "LIMIT ? OFFSET ?")) {
                ps.setInt(1, previewChars);
                ps.setInt(2, limit);
                ps.setInt(3, offset);
                return contacts(ps, db.seal(), previewChars);
            }
        });
    }

    /**
     * A token that changes whenever what {@link #requests} lists changes: a request arrives, grows, is read, accepted,
     * blocked or expires. Its parts: how many are listed, the latest start of one, and their unread messages.
     */
    public String requestsVersion() {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT COUNT(*), COALESCE(MAX(request_since), 0), "
                                    + "COALESCE(SUM(request_messages), 0) FROM contacts WHERE state = 'request' AND blocked = 0");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) + "." + rs.getLong(2) + "." + rs.getLong(3);
            }
        });
    }

    /** How many requests {@link #requests} lists. */
    public int requestCount() {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT COUNT(*) FROM contacts WHERE state = 'request' AND blocked = 0");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /** How many requests wait for the user: they hold something unread (the cap {@code maxrequests} counts these). */
    public int pendingRequests() {
        return db.run(PendingRequests::pendingCount);
    }

    /** The address whose nickname is {@code nickname} in any letter case. */
    public Optional<OnionAddress> byNickname(String nickname) {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT address FROM contacts WHERE nickname_key = ?")) {
                ps.setString(1, Nicknames.key(nickname));
                return Rows.addresses(ps).stream().findFirst();
            }
        });
    }

    public Optional<Contact> find(OnionAddress peer) {
        return query(peer, "WHERE c.address = ?").stream().findFirst();
    }

    /** One indexed lookup: what the peer listener needs to know of a sender before anything costly. */
    public PeerStanding standing(OnionAddress peer) {
        return db.run(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT state, blocked, verified FROM contacts WHERE address = ?")) {
                ps.setString(1, peer.hostname());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return PeerStanding.UNKNOWN;
                    }
                    return new PeerStanding(
                            ContactState.fromDb(rs.getString(1)) == ContactState.CONTACT,
                            rs.getInt(2) != 0,
                            rs.getInt(3) != 0);
                }
            }
        });
    }

    /** {@code peer} was seen online at {@code at} (a session opened or ended): "last seen" is exact. */
    public void seen(OnionAddress peer, Instant at) {
        db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE contacts SET last_seen = ? WHERE address = ?")) {
                ps.setLong(1, at.toEpochMilli());
                ps.setString(2, peer.hostname());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Addresses of every contact (not requests, not blocked): whom the daemon keeps sessions with. */
    public List<OnionAddress> contactAddresses() {
        return list().stream()
                .filter(c -> c.state() == ContactState.CONTACT && !c.blocked())
                .map(Contact::address)
                .toList();
    }

    public boolean isBlocked(OnionAddress peer) {
        return db.run(c -> isBlocked(c, peer));
    }

    /** Makes {@code peer} a contact (a request is accepted by this too); {@code nickname} may be null. */
    public Contact add(OnionAddress peer, String nickname, Instant now) throws ContactException {
        return change(
                c -> {
                    if (state(c, peer).orElse(null) == ContactState.CONTACT) {
                        throw refusal(peer + " is already a contact (RENAME changes its nickname)");
                    }
                    return makeContact(c, peer, nickname, now);
                },
                peer);
    }

    /** Writing to {@code peer} (a message, a file) makes it a contact, as the user chose it; no-op for a contact. */
    public void makeContact(OnionAddress peer, Instant now) {
        db.run(c -> {
            makeContact(c, peer, now);
            return null;
        });
    }

    /** Accepts a stranger's request: {@code peer} becomes a contact; {@code nickname} may be null. */
    public Contact accept(OnionAddress peer, String nickname, Instant now) throws ContactException {
        return change(
                c -> {
                    if (state(c, peer).orElse(null) != ContactState.REQUEST) {
                        throw refusal(
                                peer + " has no request to accept (REQUESTS lists them; ADD_CONTACT adds anyone)");
                    }
                    return makeContact(c, peer, nickname, now);
                },
                peer);
    }

    /** Gives a contact a new nickname; null removes it. */
    public Contact rename(OnionAddress peer, String nickname) throws ContactException {
        return change(
                c -> {
                    requireContact(c, peer);
                    setNickname(c, peer, nickname);
                    return null;
                },
                peer);
    }

    /** {@code peer} is no longer a contact and loses its nickname; its messages stay in the history. */
    public Contact remove(OnionAddress peer) throws ContactException {
        return change(
                c -> {
                    requireContact(c, peer);
                    update(
                            c,
                            "UPDATE contacts SET state = 'stranger', nickname = NULL, nickname_key = NULL WHERE address = ?",
                            peer);
                    return null;
                },
                peer);
    }

    /** From now on messages from {@code peer} are dropped before storage (an unknown address may be blocked). */
    public Contact block(OnionAddress peer, Instant now) throws ContactException {
        return change(
                c -> {
                    Rows.ensureContact(c, peer, now);
                    if (isBlocked(c, peer)) {
                        throw refusal(peer + " is already blocked");
                    }
                    update(c, "UPDATE contacts SET blocked = 1 WHERE address = ?", peer);
                    return null;
                },
                peer);
    }

    public Contact unblock(OnionAddress peer) throws ContactException {
        return change(
                c -> {
                    if (!isBlocked(c, peer)) {
                        throw refusal(peer + " is not blocked");
                    }
                    update(c, "UPDATE contacts SET blocked = 0 WHERE address = ?", peer);
                    return null;
                },
                peer);
    }

    // ---------------------------------------------------------------- shared with Inbox and Outbox

    /** The state of {@code peer}'s row, or empty when the address is unknown. */
    static Optional<ContactState> state(Connection c, OnionAddress peer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT state FROM contacts WHERE address = ?")) {
            ps.setString(1, peer.hostname());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(ContactState.fromDb(rs.getString(1))) : Optional.empty();
            }
        }
    }

    static boolean isBlocked(Connection c, OnionAddress peer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT blocked FROM contacts WHERE address = ?")) {
            ps.setString(1, peer.hostname());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) != 0;
            }
        }
    }

    /** Creates the row if needed and makes it a contact; keeps its nickname unless {@code nickname} is given. */
    static void makeContact(Connection c, OnionAddress peer, Instant now) throws SQLException {
        Rows.ensureContact(c, peer, now);
        update(c, "UPDATE contacts SET state = 'contact' WHERE address = ?", peer);
    }

    static void update(Connection c, String sql, OnionAddress peer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, peer.hostname());
            ps.executeUpdate();
        }
    }

    // ---------------------------------------------------------------- private

    private static Void makeContact(Connection c, OnionAddress peer, String nickname, Instant now) throws SQLException {
        makeContact(c, peer, now);
        if (nickname != null) {
            setNickname(c, peer, nickname);
        }
        return null;
    }

    private static void requireContact(Connection c, OnionAddress peer) throws SQLException {
        if (state(c, peer).orElse(null) != ContactState.CONTACT) {
            throw refusal(peer + " is not a contact (CONTACTS lists them)");
        }
    }

    private static void setNickname(Connection c, OnionAddress peer, String nickname) throws SQLException {
        if (nickname != null) {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT address FROM contacts WHERE nickname_key = ? AND address <> ?")) {
                ps.setString(1, Nicknames.key(nickname));
                ps.setString(2, peer.hostname());
                List<OnionAddress> owners = Rows.addresses(ps);
                if (!owners.isEmpty()) {
                    throw refusal("the nickname '" + nickname + "' is already taken by " + owners.get(0)
                            + " (nicknames are compared without letter case)");
                }
            }
        }
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE contacts SET nickname = ?, nickname_key = ? WHERE address = ?")) {
            ps.setString(1, nickname);
            ps.setString(2, nickname == null ? null : Nicknames.key(nickname));
            ps.setString(3, peer.hostname());
            ps.executeUpdate();
        }
    }

    /** Runs a change in one transaction and answers the row as it is afterwards. */
    private Contact change(Database.Work<Void> work, OnionAddress peer) throws ContactException {
        try {
            return db.transaction(c -> {
                work.run(c);
                return query(c, peer, "WHERE c.address = ?").get(0);
            });
        } catch (SQLException e) {
            if (e.getCause() instanceof ContactException refused) {
                throw refused;
            }
            throw new StoreException("changing contact " + peer + ": " + e.getMessage(), e);
        }
    }

    /** Carries a {@link ContactException} out of a transaction, which then rolls back. */
    private static SQLException refusal(String why) {
        return new SQLException(why, new ContactException(why));
    }

    private List<Contact> query(String where) {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM contacts c " + where)) {
                return contacts(ps, db.seal(), 0);
            }
        });
    }

    private List<Contact> query(OnionAddress peer, String where) {
        return db.run(c -> query(c, peer, where));
    }

    private List<Contact> query(Connection c, OnionAddress peer, String where) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM contacts c " + where)) {
            ps.setString(1, peer.hostname());
            return contacts(ps, db.seal(), 0);
        }
    }

    private static List<Contact> contacts(PreparedStatement query, HistorySeal seal, int previewChars)
            throws SQLException {
        List<Contact> result = new ArrayList<>();
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                result.add(new Contact(
                        Rows.address(rs.getString("address")),
                        rs.getString("nickname"),
                        ContactState.fromDb(rs.getString("state")),
                        Rows.instant(rs, "added_at"),
                        Rows.instant(rs, "last_seen"),
                        rs.getInt("unread_count"),
                        rs.getInt("blocked") != 0,
                        rs.getLong("blocked_drops"),
                        rs.getInt("verified") != 0,
                        preview(rs.getString("first_message"), rs.getBytes("first_sealed"), seal, previewChars)));
            }
        }
        return result;
    }

    /** The first {@code chars} characters (code points, as SQLite's SUBSTR counts) of a sealed first message. */
    private static String preview(String plain, byte[] sealed, HistorySeal seal, int chars) {
        if (sealed == null) {
            return plain;
        }
        String text = seal.open(sealed);
        return text.codePointCount(0, text.length()) <= chars
                ? text
                : text.substring(0, text.offsetByCodePoints(0, chars));
    }
}
