package org.torchat.daemon.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torchat.daemon.StartupException;

/**
 * The SQLite database: one connection, used by one thread at a time, every unit of work a transaction.
 * With a file, commits are durable before they return (WAL, synchronous=FULL): "stored" means on disk.
 * Ephemeral mode keeps the same schema in memory, as the seed's volatile table did.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    public static final String FILE_NAME = "torchat.db";

    /** Work done inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Connection connection;
    private final String description;
    private volatile HistorySeal seal = HistorySeal.off();

    private Database(Connection connection, String description) {
        this.connection = connection;
        this.description = description;
    }

    public static Database open(Path file) throws StartupException {
        return open("jdbc:sqlite:" + file, file.toString());
    }

    public static Database inMemory() throws StartupException {
        return open("jdbc:sqlite::memory:", "memory (ephemeral)");
    }

    private static Database open(String url, String description) throws StartupException {
        Connection connection;
        try {
            connection = DriverManager.getConnection(url);
        } catch (SQLException e) {
            throw new StartupException("cannot open the message store " + description + ": " + e.getMessage(), e);
        }
        Database db = new Database(connection, description);
        try {
            db.configure();
            db.migrate();
            return db;
        } catch (SQLException | StartupException e) {
            db.close();
            if (e instanceof StartupException startup) {
                throw startup;
            }
            throw new StartupException("cannot open the message store " + description + ": " + e.getMessage(), e);
        }
    }

    private void configure() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("PRAGMA synchronous = FULL");
            s.execute("PRAGMA foreign_keys = ON");
            s.execute("PRAGMA busy_timeout = 5000");
        }
    }

    private void migrate() throws SQLException, StartupException {
        int current = userVersion();
        int latest = Migrations.latest();
        if (current > latest) {
            throw new StartupException("the message store " + description + " was written by a newer TORchat (schema "
                    + current + "; this version knows up to " + latest + "); upgrade TORchat, or move the file away");
        }
        for (Migrations.Migration m : Migrations.ALL) {
            if (m.version() > current) {
                apply(m);
                LOG.info("message store {}: schema {} applied", description, m.version());
            }
        }
    }

    private void apply(Migrations.Migration m) throws SQLException {
        transaction(c -> {
            try (Statement s = c.createStatement()) {
                for (String sql : m.statements()) {
                    s.execute(sql);
                }
                s.execute("PRAGMA user_version = " + m.version());
            }
            return null;
        });
    }

    /**
     * From now on texts are stored sealed by {@code seal}. SQLite then zeroes what it deletes (secure_delete), so
     * that a text replaced by its sealed form does not linger in free pages.
     */
    public void useSeal(HistorySeal seal) throws SQLException {
        if (seal.on()) {
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA secure_delete = ON");
            }
        }
        this.seal = seal;
    }

    public HistorySeal seal() {
        return seal;
    }

    /**
     * Rewrites the file without its free pages (VACUUM) and empties the write-ahead log into it (checkpoint,
     * TRUNCATE): afterwards no deleted or replaced content is left in torchat.db or torchat.db-wal.
     */
    public synchronized void compact() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("VACUUM");
        }
        checkpoint();
    }

    /** Empties the write-ahead log into the store (best effort: a reader elsewhere, e.g. a backup, may hold it). */
    public synchronized void checkpoint() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }

    public int userVersion() throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** Runs {@code work} in a transaction; it is committed (and on disk) when this returns. */
    public synchronized <T> T transaction(Work<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** As {@link #transaction}, for callers that cannot recover from a database failure. */
    public <T> T run(Work<T> work) {
        try {
            return transaction(work);
        } catch (SQLException e) {
            throw new StoreException("message store " + description + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("closing the message store: {}", e.getMessage());
        }
    }
}
