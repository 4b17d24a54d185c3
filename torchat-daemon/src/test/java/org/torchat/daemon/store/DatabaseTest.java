package org.torchat.daemon.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchat.daemon.StartupException;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;

class DatabaseTest {
    private static final OnionAddress BOB = Ed25519Identity.generate().onionAddress();
    private static final Instant T0 = Instant.parse("2026-11-25T18:57:00Z");

    @TempDir
    Path tmp;

    private Path file() {
        return tmp.resolve(Database.FILE_NAME);
    }

    private static List<String> tables(Database db) {
        return db.run(c -> {
            List<String> names = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs =
                            s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        });
    }

    private static int count(Database db, String table) {
        return db.run(c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /** Prepares a raw SQLite file outside Database, as another program (or another TORchat) would have left it. */
    private static void raw(Path file, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** The tables of the latest schema, with the full-text index's own (issue 14) and the groups' (issue 16). */
    private static final List<String> LATEST_TABLES = List.of(
            "contacts",
            "group_authors",
            "group_invites",
            "group_members",
            "group_messages",
            "group_mutes",
            "groups",
            "messages",
            "messages_fts",
            "messages_fts_config",
            "messages_fts_data",
            "messages_fts_docsize",
            "messages_fts_idx",
            "transfers");

    @Test
    void aNewFileGetsTheLatestSchema() throws Exception {
        try (Database db = Database.open(file())) {
            assertEquals(Migrations.latest(), db.userVersion());
            assertTrue(Migrations.latest() >= 1);
            assertEquals(LATEST_TABLES, tables(db));
        }
        assertTrue(Files.exists(file()));
    }

    @Test
    void anInMemoryDatabaseGetsTheSameSchema() throws Exception {
        try (Database db = Database.inMemory()) {
            assertEquals(Migrations.latest(), db.userVersion());
            assertEquals(LATEST_TABLES, tables(db));
        }
    }

    @Test
    void aStoreFromBeforeFileTransferGetsTheTransfersTableAndKeepsItsMessages() throws Exception {
        try (Database db = Database.open(file())) {
            new Outbox(db).enqueue(BOB, "from before files", 80, "", T0);
        }
        raw(
                file(),
                "DROP TABLE transfers",
                "DROP INDEX contacts_requests", // schema 3: contacts, no files yet
                "ALTER TABLE contacts DROP COLUMN request_since",
                "ALTER TABLE contacts DROP COLUMN request_messages",
                "ALTER TABLE contacts DROP COLUMN request_bytes",
                "DROP TRIGGER messages_fts_insert",
                "DROP TRIGGER messages_fts_delete",
                "DROP TRIGGER messages_fts_update",
                "DROP TABLE messages_fts",
                "ALTER TABLE messages DROP COLUMN sealed",
                "DROP TABLE group_invites", // schema 9
                "DROP TABLE group_mutes",
                "DROP TABLE group_messages", // schema 8
                "DROP TABLE group_authors",
                "DROP TABLE group_members",
                "DROP TABLE groups",
                "PRAGMA user_version = 3");
        try (Database db = Database.open(file())) {
            assertEquals(Migrations.latest(), db.userVersion());
            assertEquals(LATEST_TABLES, tables(db));
            assertEquals(
                    "from before files",
                    new Outbox(db).oldestQueued(BOB).orElseThrow().text());
        }
    }

    @Test
    void aStoreFromBeforeSearchGetsItsMessagesIndexed() throws Exception {
        try (Database db = Database.open(file())) {
            new Outbox(db).enqueue(BOB, "written before the index", 80, "", T0);
        }
        raw(
                file(),
                "DROP TRIGGER messages_fts_insert",
                "DROP TRIGGER messages_fts_delete",
                "DROP TRIGGER messages_fts_update",
                "DROP TABLE messages_fts",
                "ALTER TABLE messages DROP COLUMN sealed",
                "ALTER TABLE transfers DROP COLUMN name_sealed",
                "DROP TABLE group_invites",
                "DROP TABLE group_mutes",
                "DROP TABLE group_messages",
                "DROP TABLE group_authors",
                "DROP TABLE group_members",
                "DROP TABLE groups",
                "PRAGMA user_version = 5");
        try (Database db = Database.open(file())) {
            assertEquals(Migrations.latest(), db.userVersion());
            assertEquals(1, new Search(db).find("before", BOB, 10).size());
        }
    }

    @Test
    void aFileDatabaseIsWriteAheadLoggedAndSynchronousFull() throws Exception {
        try (Database db = Database.open(file())) {
            String journal = db.run(c -> pragma(c, "journal_mode"));
            String synchronous = db.run(c -> pragma(c, "synchronous"));

            assertEquals("wal", journal);
            assertEquals("2", synchronous, "FULL: a commit is on disk when it returns");
        }
    }

    private static String pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void reopeningKeepsTheSchemaAndDoesNotRerunMigrations() throws Exception {
        try (Database db = Database.open(file())) {
            new Outbox(db).enqueue(BOB, "kept", 80, "", T0);
        }

        // Re-running migration 1 would fail on CREATE TABLE of an existing table.
        try (Database db = Database.open(file())) {
            assertEquals(Migrations.latest(), db.userVersion());
            assertEquals(1, count(db, "messages"));
        }
    }

    @Test
    void aVersionOneStoreIsMigratedKeepingItsMessagesAsUnverified() throws Exception {
        List<String> v1 = new java.util.ArrayList<>(Migrations.ALL.get(0).statements());
        v1.add("INSERT INTO contacts (address, added_at) VALUES ('" + BOB.hostname() + "', 1)");
        v1.add("INSERT INTO messages (peer, direction, message_id, body, sent_at, received_at, status, unread) "
                + "VALUES ('" + BOB.hostname() + "', 'in', '0123456789abcdef', 'from version 1', 1, 2, 'received', 1)");
        v1.add("PRAGMA user_version = 1");
        raw(file(), v1.toArray(String[]::new));

        try (Database db = Database.open(file())) {
            assertEquals(Migrations.latest(), db.userVersion());
            StoredMessage m = new History(db).last(BOB, 10).get(0);
            assertEquals("from version 1", m.text());
            assertFalse(m.verified());
            assertFalse(new History(db).peerVerified(BOB));
            new Inbox(db, new UnreadLimits(10, 10_000)).store(BOB, "0123456789abcdeg", "signed", T0, T0, true, null);
            assertTrue(new History(db).peerVerified(BOB));
        }
    }

    @Test
    void aFileAlreadyAtTheLatestVersionIsNotMigrated() throws Exception {
        // No tables, but a user_version that says the schema is in place: migrations must be skipped.
        raw(file(), "PRAGMA user_version = " + Migrations.latest());

        try (Database db = Database.open(file())) {
            assertEquals(Migrations.latest(), db.userVersion());
            assertEquals(List.of(), tables(db));
        }
    }

    @Test
    void aFileFromANewerTorchatIsRefused() throws Exception {
        int newer = Migrations.latest() + 1;
        raw(file(), "CREATE TABLE future (x INTEGER)", "PRAGMA user_version = " + newer);

        StartupException e = assertThrows(StartupException.class, () -> Database.open(file()));

        assertTrue(e.getMessage().contains("written by a newer TORchat"), e.getMessage());
        assertTrue(e.getMessage().contains(file().toString()), e.getMessage());
        assertTrue(e.getMessage().contains(String.valueOf(newer)), e.getMessage());
        // The refused file is left exactly as it was.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            rs.next();
            assertEquals(newer, rs.getInt(1));
        }
    }

    @Test
    void aFileThatIsNotADatabaseIsAStartupException() throws Exception {
        Files.writeString(
                file(), "this is not an SQLite database, just some text that is long enough to have a header");

        StartupException e = assertThrows(StartupException.class, () -> Database.open(file()));

        assertTrue(e.getMessage().contains(file().toString()), e.getMessage());
    }

    @Test
    void dataSurvivesCloseAndReopen() throws Exception {
        StoredMessage queued;
        try (Database db = Database.open(file())) {
            queued = new Outbox(db).enqueue(BOB, "out", 80, "date", T0);
            new Inbox(db, new UnreadLimits(10, 10_000)).store(BOB, "0123456789abcdef", "in", T0, T0.plusSeconds(1));
        }

        try (Database db = Database.open(file())) {
            List<StoredMessage> history = new History(db).last(BOB, 10);
            assertEquals(2, history.size());
            assertEquals(queued, history.get(0));
            assertEquals("in", history.get(1).text());
            assertEquals(List.of(BOB), new Inbox(db, new UnreadLimits(10, 10_000)).peersWithUnread());
            assertEquals(List.of(BOB), new Outbox(db).peersWithQueued());
        }
    }

    @Test
    void anInMemoryDatabaseForgetsEverything() throws Exception {
        try (Database db = Database.inMemory()) {
            new Outbox(db).enqueue(BOB, "gone", 80, "", T0);
        }
        try (Database db = Database.inMemory()) {
            assertEquals(0, count(db, "messages"));
        }
    }

    @Test
    void aTransactionThatThrowsLeavesNothing() throws Exception {
        try (Database db = Database.open(file())) {
            SQLException e = assertThrows(
                    SQLException.class,
                    () -> db.transaction(c -> {
                        insertContact(c, BOB);
                        throw new SQLException("boom");
                    }));
            assertEquals("boom", e.getMessage());
            assertEquals(0, count(db, "contacts"));

            assertThrows(
                    IllegalStateException.class,
                    () -> db.transaction(c -> {
                        insertContact(c, BOB);
                        throw new IllegalStateException("unchecked");
                    }));
            assertEquals(0, count(db, "contacts"));

            // The connection is usable afterwards, and a transaction that returns normally is committed.
            db.transaction(c -> insertContact(c, BOB));
            assertEquals(1, count(db, "contacts"));
        }
        try (Database db = Database.open(file())) {
            assertEquals(1, count(db, "contacts"));
        }
    }

    @Test
    void runWrapsDatabaseFailuresInAStoreException() throws Exception {
        try (Database db = Database.inMemory()) {
            StoreException e = assertThrows(
                    StoreException.class,
                    () -> db.run(c -> {
                        insertContact(c, BOB);
                        try (Statement s = c.createStatement()) {
                            s.execute("SELECT * FROM no_such_table");
                        }
                        return null;
                    }));

            assertTrue(e.getMessage().contains("no_such_table"), e.getMessage());
            assertFalse(e.getMessage().isEmpty());
            assertEquals(0, count(db, "contacts"), "rolled back");
        }
    }

    private static int insertContact(Connection c, OnionAddress peer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO contacts (address, added_at) VALUES (?, ?)")) {
            ps.setString(1, peer.hostname());
            ps.setLong(2, T0.toEpochMilli());
            return ps.executeUpdate();
        }
    }
}
