package org.torchat.daemon.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A consistent copy of the running daemon's store, made by SQLite itself ({@code VACUUM INTO}), never by copying the
 * file: a copy of a live WAL database can mix pages from before and after a commit. It runs on a connection of its
 * own, in one read transaction, so it sees one committed state while the daemon goes on storing messages (WAL
 * readers and the writer do not wait for each other).
 */
final class StoreSnapshot {
    private StoreSnapshot() {}

    /** Writes the snapshot of {@code store} into {@code target}, which must be empty (VACUUM INTO's own rule). */
    static void write(Path store, Path target) throws IOException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store);
                PreparedStatement vacuum = c.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, target.toString());
            vacuum.execute();
        } catch (SQLException e) {
            throw new IOException("cannot snapshot the message store " + store + ": " + e.getMessage(), e);
        }
    }
}
