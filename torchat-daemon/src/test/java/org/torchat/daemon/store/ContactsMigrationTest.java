package org.torchat.daemon.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;

/** Schema 3 on a store written by schema 2: which existing peers become contacts, which requests. */
class ContactsMigrationTest {
    private static final OnionAddress WRITTEN_TO = Ed25519Identity.generate().onionAddress();
    private static final OnionAddress ONLY_WROTE = Ed25519Identity.generate().onionAddress();
    private static final OnionAddress BOTH = Ed25519Identity.generate().onionAddress();

    @TempDir
    Path tmp;

    @Test
    void peersWeWroteToBecomeContactsAndPeersThatOnlyWroteBecomeRequests() throws Exception {
        Path file = tmp.resolve(Database.FILE_NAME);
        writeVersion2Store(file);

        try (Database db = Database.open(file)) {
            assertEquals(Migrations.latest(), db.userVersion());
            Contacts contacts = new Contacts(db);
            assertEquals(
                    List.of(BOTH, WRITTEN_TO).stream()
                            .map(OnionAddress::hostname)
                            .sorted()
                            .toList(),
                    contacts.list().stream().map(c -> c.address().hostname()).toList());
            Contact request = contacts.requests(0, 100, 200).get(0);
            assertEquals(ONLY_WROTE, request.address());
            assertEquals("who are you?", request.firstMessage());
            assertEquals(1, request.unread());
            assertEquals(1, contacts.requests(0, 100, 200).size());
            for (Contact c : contacts.list()) {
                assertNull(c.nickname());
                assertEquals(false, c.blocked());
                assertEquals(0, c.droppedWhileBlocked());
            }
            assertEquals(true, contacts.find(BOTH).orElseThrow().verified(), "schema 2's verified is kept");
            // and the new columns work: a nickname for a migrated contact
            contacts.rename(WRITTEN_TO, "Old friend");
            assertEquals(WRITTEN_TO, contacts.byNickname("OLD FRIEND").orElseThrow());
        }
    }

    /** A store as schema 2 left it: migrations 1 and 2 applied, then rows written as that version wrote them. */
    private static void writeVersion2Store(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            for (Migrations.Migration m : Migrations.ALL.subList(0, 2)) {
                for (String sql : m.statements()) {
                    s.execute(sql);
                }
            }
            s.execute("PRAGMA user_version = 2");
            long t = Instant.parse("2026-11-01T10:00:00Z").toEpochMilli();
            s.execute(
                    "INSERT INTO contacts (address, added_at, verified, unread_count, unread_bytes, unread_since) VALUES "
                            + "('" + WRITTEN_TO.hostname() + "', " + t + ", 0, 0, 0, NULL), "
                            + "('" + ONLY_WROTE.hostname() + "', " + t + ", 0, 1, 12, 2), "
                            + "('" + BOTH.hostname() + "', " + t + ", 1, 0, 0, NULL)");
            s.execute("INSERT INTO messages (id, peer, direction, message_id, body, sent_at, status) VALUES " + "(1, '"
                    + WRITTEN_TO.hostname() + "', 'out', 'm1', 'hello', " + t + ", 'delivered')");
            s.execute(
                    "INSERT INTO messages (id, peer, direction, message_id, body, received_at, status, unread) VALUES "
                            + "(2, '" + ONLY_WROTE.hostname() + "', 'in', 'm2', 'who are you?', " + t
                            + ", 'received', 1), "
                            + "(3, '" + BOTH.hostname() + "', 'in', 'm3', 'hi', " + t + ", 'received', 0)");
            s.execute("INSERT INTO messages (id, peer, direction, message_id, body, sent_at, status) VALUES " + "(4, '"
                    + BOTH.hostname() + "', 'out', 'm4', 'hi back', " + t + ", 'delivered')");
        }
    }
}
