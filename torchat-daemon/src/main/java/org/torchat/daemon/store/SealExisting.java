package org.torchat.daemon.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Turning sealhistory on for a store that has history: at every start with sealing on, what is still in the clear
 * and done with (every message but queued outgoing ones, every finished transfer's name) is sealed, in one
 * transaction, and the search index, which would hold every word, is emptied and no longer kept (its triggers are
 * dropped). Then the file is compacted (VACUUM, checkpoint), so that no clear text stays in free pages or in the
 * write-ahead log. A start that finds nothing to seal changes nothing and is quick. A crash before the commit leaves
 * the store as it was; the next start does it again.
 */
public final class SealExisting {
    private static final int PAGE = 1000;
    private static final String DONE_MESSAGES = "sealed IS NULL AND status <> 'queued'";
    private static final String FINISHED_TRANSFERS =
            "name_sealed IS NULL " + "AND state IN ('delivered', 'failed', 'rejected', 'complete')";

    private SealExisting() {}

    /** What was sealed; nothing when sealing is off. */
    public record Result(int messages, int fileNames, boolean indexDropped) {
        public boolean any() {
            return messages > 0 || fileNames > 0 || indexDropped;
        }
    }

    public static Result run(Database db) throws SQLException {
        HistorySeal seal = db.seal();
        if (!seal.on()) {
            return new Result(0, 0, false);
        }
        Result result = db.transaction(c -> {
            boolean index = dropSearchIndex(c);
            int messages = seal(
                    c,
                    seal,
                    "SELECT id, body FROM messages WHERE " + DONE_MESSAGES,
                    "UPDATE messages SET body = '', sealed = ? WHERE id = ?");
            messages += seal(
                    c,
                    seal,
                    "SELECT id, body FROM group_messages WHERE sealed IS NULL",
                    "UPDATE group_messages SET body = '', sealed = ? WHERE id = ?");
            int names = seal(
                    c,
                    seal,
                    "SELECT id, name FROM transfers WHERE " + FINISHED_TRANSFERS,
                    "UPDATE transfers SET name = '', name_sealed = ? WHERE id = ?");
            return new Result(messages, names, index);
        });
        if (result.any()) {
            db.compact();
        }
        return result;
    }

    /** Empties the FTS5 index (migration 6) and drops the triggers that fill it; true if they were there. */
    private static boolean dropSearchIndex(Connection c) throws SQLException {
        boolean present;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT 1 FROM sqlite_master WHERE type = 'trigger' " + "AND name = 'messages_fts_insert'")) {
            present = rs.next();
        }
        if (present) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TRIGGER messages_fts_insert");
                s.execute("DROP TRIGGER messages_fts_delete");
                s.execute("DROP TRIGGER messages_fts_update");
                s.execute("INSERT INTO messages_fts (messages_fts) VALUES ('delete-all')");
            }
        }
        return present;
    }

    /** Seals in pages of {@link #PAGE} rows (each sealed row leaves the selection), so memory stays small. */
    private static int seal(Connection c, HistorySeal seal, String select, String update) throws SQLException {
        int total = 0;
        while (true) {
            List<Long> ids = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(select + " LIMIT " + PAGE);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                    texts.add(rs.getString(2));
                }
            }
            if (ids.isEmpty()) {
                return total;
            }
            try (PreparedStatement ps = c.prepareStatement(update)) {
                for (int i = 0; i < ids.size(); i++) {
                    ps.setBytes(1, seal.seal(texts.get(i)));
                    ps.setLong(2, ids.get(i));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            total += ids.size();
        }
    }
}
