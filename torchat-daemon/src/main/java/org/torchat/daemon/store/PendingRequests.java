package org.torchat.daemon.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.torchat.protocol.onion.OnionAddress;

/**
 * The accounting of strangers' requests, inside the transaction that stores a stranger's message: the caps of
 * {@link RequestLimits} are checked on counters kept in the contacts table (never by reading message bodies), and a
 * stored message opens or extends the sender's request. Over a cap nothing is written: the sender gets ERR and its
 * daemon retries later, so a genuine stranger loses nothing.
 *
 * <p>The counters hold what the user has not read yet: a message the user reads (UPDATE) no longer counts, since
 * the user has seen it (with {@code strangers: allow}, the original client reads strangers like contacts and never
 * accepts anyone). A request waits for the user while it holds something unread.
 */
final class PendingRequests {
    private final RequestLimits limits;

    PendingRequests(RequestLimits limits) {
        this.limits = limits;
    }

    /** Checks that {@code bytes} more from {@code peer} fit, then counts them; throws (rolling back) when not. */
    void admit(Connection c, OnionAddress peer, int bytes, Instant now) throws SQLException {
        long[] own = ownCounters(c, peer);
        long messages = own == null ? 0 : own[0];
        long stored = own == null ? 0 : own[1];
        if (messages == 0 && pendingCount(c) >= limits.maxRequests()) {
            throw limit(limits.maxRequests() + " requests from strangers already wait for this daemon's owner "
                    + "(maxrequests)");
        }
        if (messages >= limits.maxMessagesEach()) {
            throw limit("you have left " + messages + " messages that wait for this daemon's owner to accept you "
                    + "(requestmessages " + limits.maxMessagesEach() + ")");
        }
        if (stored + bytes > limits.maxBytesEach()) {
            throw limit("your messages waiting for acceptance would take " + (stored + bytes) + " bytes (requestbytes "
                    + limits.maxBytesEach() + ")");
        }
        if (totalBytes(c) + bytes > limits.quotaBytes()) {
            throw limit(
                    "the room for messages from strangers is full (strangerquota " + limits.quotaBytes() + " bytes)");
        }
        count(c, peer, bytes, now);
    }

    /** {messages, bytes} of {@code peer}'s open request, or null when it has none. */
    private static long[] ownCounters(Connection c, OnionAddress peer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT request_messages, request_bytes FROM contacts " + "WHERE address = ? AND state = 'request'")) {
            ps.setString(1, peer.hostname());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : null;
            }
        }
    }

    /** Requests waiting for the user: something unread in them; blocked ones wait for nothing. */
    static int pendingCount(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM contacts "
                        + "WHERE state = 'request' AND blocked = 0 AND request_messages > 0");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static long totalBytes(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                        "SELECT COALESCE(SUM(request_bytes), 0) FROM contacts WHERE state = 'request'");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Opens the request (a stranger's first message since it was last a request) or adds to it. */
    private static void count(Connection c, OnionAddress peer, int bytes, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE contacts SET "
                + "request_since = CASE WHEN state = 'request' THEN request_since ELSE ? END, "
                + "request_messages = CASE WHEN state = 'request' THEN request_messages ELSE 0 END + 1, "
                + "request_bytes = CASE WHEN state = 'request' THEN request_bytes ELSE 0 END + ?, "
                + "state = 'request' WHERE address = ?")) {
            ps.setLong(1, now.toEpochMilli());
            ps.setLong(2, bytes);
            ps.setString(3, peer.hostname());
            ps.executeUpdate();
        }
    }

    /** The user has read {@code m}: if it came with its sender's open request, it no longer counts. */
    static void read(Connection c, StoredMessage m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE contacts SET "
                + "request_messages = MAX(0, request_messages - 1), request_bytes = MAX(0, request_bytes - ?) "
                + "WHERE address = ? AND state = 'request' AND request_since <= ?")) {
            ps.setLong(1, m.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
            ps.setString(2, m.peer().hostname());
            ps.setLong(3, m.receivedAt().toEpochMilli());
            ps.executeUpdate();
        }
    }

    private static SQLException limit(String why) {
        return new SQLException(why, new PeerLimitException(why));
    }
}
