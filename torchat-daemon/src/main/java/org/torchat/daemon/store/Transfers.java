package org.torchat.daemon.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.torchat.protocol.onion.OnionAddress;

/** File transfers in both directions (the transfers table, docs/STORAGE.md). Every change is durable on return. */
public final class Transfers {
    private static final String COLUMNS = "id, transfer_id, peer, direction, name, size, sha256, state, done_bytes, "
            + "portno, path, created_at, updated_at, attempts, next_attempt_at, last_error, name_sealed";

    private final Database db;
    /** Told of every change a client shows (state, progress), after its commit: {@link ChangeSignal#DELIVERY}. */
    private final ChangeSignal changes;

    /** For tests and tools that nobody waits on. */
    public Transfers(Database db) {
        this(db, new ChangeSignal());
    }

    public Transfers(Database db, ChangeSignal changes) {
        this.db = db;
        this.changes = changes;
    }

    /** After a committed change: wakes the clients that wait for one (GET_PEERS {@code delivery}). */
    private <T> T changed(T result) {
        changes.signal(ChangeSignal.DELIVERY);
        return result;
    }

    /** A new transfer row; outgoing ones start UPLOADING, incoming ones OFFERED or RECEIVING. */
    public Transfer create(
            String transferId,
            OnionAddress peer,
            Direction direction,
            String name,
            long size,
            String sha256,
            TransferState state,
            int portno,
            Path path,
            Instant now) {
        return changed(db.run(c -> {
            Rows.ensureContact(c, peer, now);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO transfers (transfer_id, peer, direction, name, "
                    + "size, sha256, state, portno, path, created_at, updated_at, next_attempt_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, transferId);
                ps.setString(2, peer.hostname());
                ps.setString(3, direction.dbValue());
                ps.setString(4, name);
                ps.setLong(5, size);
                ps.setString(6, sha256);
                ps.setString(7, state.dbValue());
                ps.setInt(8, portno);
                ps.setString(9, path == null ? null : path.toString());
                ps.setLong(10, now.toEpochMilli());
                ps.setLong(11, now.toEpochMilli());
                ps.setLong(12, now.toEpochMilli());
                ps.executeUpdate();
            }
            return find(
                            c,
                            "peer = ? AND direction = ? AND transfer_id = ?",
                            peer.hostname(),
                            direction.dbValue(),
                            transferId)
                    .orElseThrow();
        }));
    }

    public Optional<Transfer> find(OnionAddress peer, Direction direction, String transferId) {
        return db.run(c -> find(
                c, "peer = ? AND direction = ? AND transfer_id = ?", peer.hostname(), direction.dbValue(), transferId));
    }

    /** Our outgoing transfer {@code transferId} (we choose those ids, so there is at most one). */
    public Optional<Transfer> outgoing(String transferId) {
        return db.run(c -> find(c, "direction = 'out' AND transfer_id = ?", transferId));
    }

    /** Incoming transfers with this id (normally one; peers choose ids, so two peers could pick the same). */
    public List<Transfer> incoming(String transferId) {
        return db.run(c -> list(c, "direction = 'in' AND transfer_id = ? ORDER BY id", transferId));
    }

    /** Every transfer, oldest first, at most the last {@code limit}. */
    public List<Transfer> recent(int limit) {
        return db.run(c -> {
            List<Transfer> last = new ArrayList<>(list(c, "1 = 1 ORDER BY id DESC LIMIT " + limit));
            java.util.Collections.reverse(last);
            return last;
        });
    }

    /** Outgoing transfers still to be sent (OFFERED or SENDING), oldest first. */
    public List<Transfer> toSend() {
        return db.run(c -> list(c, "direction = 'out' AND state IN ('offered', 'sending') ORDER BY id"));
    }

    /** Makes {@code peer}'s outgoing transfers that wait for a retry due now; returns their ids. */
    public List<String> retryNow(OnionAddress peer, Instant now) {
        return db.run(c -> {
            List<String> due = new ArrayList<>();
            for (Transfer t : list(
                    c,
                    "direction = 'out' AND state IN ('offered', 'sending') AND peer = ? " + "AND next_attempt_at > ?",
                    peer.hostname(),
                    now.toEpochMilli())) {
                try (PreparedStatement ps =
                        c.prepareStatement("UPDATE transfers SET next_attempt_at = ? WHERE id = ?")) {
                    ps.setLong(1, now.toEpochMilli());
                    ps.setLong(2, t.rowId());
                    ps.executeUpdate();
                }
                due.add(t.transferId());
            }
            return due;
        });
    }

    /** Outgoing transfers whose upload a crash or a broken client interrupted: never completed, never will be. */
    public List<Transfer> interruptedUploads() {
        return db.run(c -> list(c, "direction = 'out' AND state = 'uploading' ORDER BY id"));
    }

    /** Incoming offers of {@code peer} that wait for our user. */
    public int offersWaiting(OnionAddress peer) {
        return db.run(c -> count(
                c,
                "SELECT COUNT(*) FROM transfers WHERE direction = 'in' AND state = 'offered' " + "AND peer = ?",
                peer.hostname()));
    }

    /** Incoming offers of all peers that wait for our user. */
    public int offersWaiting() {
        return db.run(c -> count(c, "SELECT COUNT(*) FROM transfers WHERE direction = 'in' AND state = 'offered'"));
    }

    /** Bytes the spool holds or has promised: outgoing files not yet delivered and incoming files being received. */
    public long reservedBytes() {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(size), 0) FROM transfers WHERE "
                            + "(direction = 'out' AND state IN ('uploading', 'offered', 'sending')) "
                            + "OR (direction = 'in' AND state = 'receiving')");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Moves {@code t} to {@code state} with {@code offset} bytes done; clears the last error. */
    public Transfer update(Transfer t, TransferState state, long offset, Instant now) {
        return changed(db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE transfers SET state = ?, done_bytes = ?, "
                    + "updated_at = ?, last_error = NULL WHERE id = ?")) {
                ps.setString(1, state.dbValue());
                ps.setLong(2, offset);
                ps.setLong(3, now.toEpochMilli());
                ps.setLong(4, t.rowId());
                ps.executeUpdate();
            }
            return byRow(c, t.rowId());
        }));
    }

    /** Ends {@code t} in a final state, with why (null when it went well) and where the file is (incoming). */
    public Transfer finish(Transfer t, TransferState state, long offset, Path path, String error, Instant now) {
        return changed(db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE transfers SET state = ?, done_bytes = ?, path = ?, "
                    + "last_error = ?, updated_at = ?, next_attempt_at = NULL WHERE id = ?")) {
                ps.setString(1, state.dbValue());
                ps.setLong(2, offset);
                ps.setString(3, path == null ? null : path.toString());
                ps.setString(4, error);
                ps.setLong(5, now.toEpochMilli());
                ps.setLong(6, t.rowId());
                ps.executeUpdate();
            }
            sealName(c, t);
            return byRow(c, t.rowId());
        }));
    }

    /** Records a failed or postponed attempt of an outgoing transfer and when to try again. */
    public Transfer scheduleRetry(
            Transfer t, long offset, Instant at, String reason, boolean countAttempt, Instant now) {
        return changed(db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE transfers SET state = 'offered', done_bytes = ?, "
                    + "next_attempt_at = ?, last_error = ?, attempts = attempts + ?, updated_at = ? WHERE id = ?")) {
                ps.setLong(1, offset);
                ps.setLong(2, at.toEpochMilli());
                ps.setString(3, reason);
                ps.setInt(4, countAttempt ? 1 : 0);
                ps.setLong(5, now.toEpochMilli());
                ps.setLong(6, t.rowId());
                ps.executeUpdate();
            }
            return byRow(c, t.rowId());
        }));
    }

    public void delete(Transfer t) {
        changed(db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM transfers WHERE id = ?")) {
                ps.setLong(1, t.rowId());
                return ps.executeUpdate();
            }
        }));
    }

    /**
     * A finished transfer's name is sealed (sealhistory); a running one's stays in the clear, since sending or saving
     * the file needs it while the daemon is locked.
     */
    private void sealName(Connection c, Transfer t) throws SQLException {
        if (db.seal().on()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE transfers SET name = '', name_sealed = ? WHERE id = ? AND name_sealed IS NULL")) {
                ps.setBytes(1, db.seal().seal(t.name()));
                ps.setLong(2, t.rowId());
                ps.executeUpdate();
            }
        }
    }

    private Transfer byRow(Connection c, long rowId) throws SQLException {
        return find(c, "id = ?", rowId).orElseThrow();
    }

    private Optional<Transfer> find(Connection c, String where, Object... args) throws SQLException {
        return list(c, where, args).stream().findFirst();
    }

    private List<Transfer> list(Connection c, String where, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM transfers WHERE " + where)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<Transfer> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(transfer(rs));
                }
            }
            return result;
        }
    }

    private static int count(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private Transfer transfer(ResultSet rs) throws SQLException {
        String path = rs.getString("path");
        return new Transfer(
                rs.getLong("id"),
                rs.getString("transfer_id"),
                Rows.address(rs.getString("peer")),
                Direction.fromDb(rs.getString("direction")),
                db.seal().name(rs.getString("name"), rs.getBytes("name_sealed")),
                rs.getLong("size"),
                rs.getString("sha256"),
                TransferState.fromDb(rs.getString("state")),
                rs.getLong("done_bytes"),
                rs.getInt("portno"),
                path == null ? null : Path.of(path),
                Rows.instant(rs, "created_at"),
                Rows.instant(rs, "updated_at"),
                rs.getInt("attempts"),
                Rows.instant(rs, "next_attempt_at"),
                rs.getString("last_error"));
    }
}
