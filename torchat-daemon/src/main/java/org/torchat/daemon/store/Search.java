package org.torchat.daemon.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.torchat.protocol.onion.OnionAddress;

/**
 * Finds stored messages by their words (SEARCH), through the full-text index of migration 5: every word of the
 * query must occur in the message, the last one possibly as a prefix ("hel" finds "hello"), newest first. The
 * user's text never reaches FTS5's query syntax: each word is quoted.
 */
public final class Search {
    /**
     * A match, and how many messages of its conversation are newer, counted up to {@link #NEWER_CAP}: enough for a
     * client to find it with HISTORY (at most 1000), and bounded so that an old match costs no more than a new one.
     */
    public record Match(StoredMessage message, int newer) {}

    public static final int NEWER_CAP = 1001;

    private final Database db;

    public Search(Database db) {
        this.db = db;
    }

    /** At most {@code limit} messages matching {@code text}, newest first; with {@code peer} null, in every conversation. */
    public List<Match> find(String text, OnionAddress peer, int limit) {
        String query = ftsQuery(text);
        if (query.isEmpty()) {
            return List.of();
        }
        return db.run(c -> {
            // The index is walked newest first (FTS5 reads its rowids backwards) and stops at the limit: CROSS JOIN
            // keeps it the outer loop, so the matches are never all fetched and sorted (docs/STORAGE.md).
            String sql = "SELECT " + prefixed() + ", (SELECT count(*) FROM (SELECT 1 FROM messages n"
                    + " WHERE n.peer = m.peer AND n.id > m.id LIMIT " + NEWER_CAP + ")) AS newer"
                    + " FROM messages_fts f CROSS JOIN messages m ON m.id = f.rowid WHERE messages_fts MATCH ?"
                    + (peer == null ? "" : " AND m.peer = ?") + " ORDER BY f.rowid DESC LIMIT ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setString(i++, query);
                if (peer != null) {
                    ps.setString(i++, peer.hostname());
                }
                ps.setInt(i, limit);
                List<Match> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Match(Rows.message(rs, db.seal()), rs.getInt("newer")));
                    }
                }
                return out;
            }
        });
    }

    private static String prefixed() {
        StringBuilder b = new StringBuilder();
        for (String column : Rows.MESSAGE_COLUMNS.split(",")) {
            b.append(b.length() == 0 ? "" : ", ").append("m.").append(column.strip());
        }
        return b.toString();
    }

    /**
     * The FTS5 query for what the user typed: its words (letters and digits, as the unicode61 tokenizer splits them),
     * each quoted, the last one a prefix. Empty when there is no word.
     */
    static String ftsQuery(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK) {
                word.appendCodePoint(cp);
            } else if (word.length() > 0) {
                words.add(word.toString());
                word.setLength(0);
            }
        });
        if (word.length() > 0) {
            words.add(word.toString());
        }
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            q.append(i == 0 ? "" : " ")
                    .append('"')
                    .append(words.get(i).toLowerCase(Locale.ROOT))
                    .append('"');
        }
        if (!words.isEmpty()) {
            q.append('*');
        }
        return q.toString();
    }
}
