package org.torchat.daemon.store;

import java.util.List;

/**
 * The schema, as an ordered list of migrations: migration N takes a database from {@code user_version} N-1 to N.
 * Released migrations are never edited; a change to the schema is a new migration at the end.
 */
final class Migrations {
    /** One step of the schema. */
    record Migration(int version, List<String> statements) {}

    static final List<Migration> ALL = List.of(
            new Migration(
                    1,
                    List.of(
                            """
                    CREATE TABLE contacts (
                        address      TEXT PRIMARY KEY,
                        added_at     INTEGER NOT NULL,
                        last_seen    INTEGER,
                        acks         INTEGER NOT NULL DEFAULT 0,
                        unread_since INTEGER,
                        unread_count INTEGER NOT NULL DEFAULT 0,
                        unread_bytes INTEGER NOT NULL DEFAULT 0
                    )""",
                            """
                    CREATE TABLE messages (
                        id              INTEGER PRIMARY KEY,
                        peer            TEXT NOT NULL REFERENCES contacts(address),
                        direction       TEXT NOT NULL CHECK (direction IN ('in', 'out')),
                        message_id      TEXT NOT NULL,
                        body            TEXT NOT NULL,
                        sent_at         INTEGER,
                        received_at     INTEGER,
                        status          TEXT NOT NULL
                                        CHECK (status IN ('received', 'queued', 'sent', 'delivered', 'failed')),
                        unread          INTEGER NOT NULL DEFAULT 0,
                        portno          INTEGER,
                        date_text       TEXT,
                        attempts        INTEGER NOT NULL DEFAULT 0,
                        next_attempt_at INTEGER,
                        last_error      TEXT,
                        UNIQUE (peer, direction, message_id)
                    )""",
                            "CREATE INDEX messages_by_peer ON messages (peer, id)",
                            "CREATE INDEX messages_unread ON messages (peer, id) WHERE unread = 1",
                            "CREATE INDEX messages_queued ON messages (peer, id) WHERE status = 'queued'")),
            // Signed messages: whether an incoming message carried a valid signature by its sender, and whether a
            // peer has ever sent one. Everything stored before was unverified.
            new Migration(
                    2,
                    List.of(
                            "ALTER TABLE messages ADD COLUMN verified INTEGER NOT NULL DEFAULT 0",
                            "ALTER TABLE contacts ADD COLUMN verified INTEGER NOT NULL DEFAULT 0")),
            // Contacts: until now a row existed for every peer that wrote or was written to. Now a row is a contact,
            // a stranger's request, or only known (history, a removed contact). Peers we have written to were
            // chosen by the user and become contacts; peers that only wrote to us become requests, to be accepted
            // or blocked. Nicknames are unique in their lower-case form (nickname_key).
            new Migration(
                    3,
                    List.of(
                            "ALTER TABLE contacts ADD COLUMN state TEXT NOT NULL DEFAULT 'stranger' "
                                    + "CHECK (state IN ('contact', 'request', 'stranger'))",
                            "ALTER TABLE contacts ADD COLUMN nickname TEXT",
                            "ALTER TABLE contacts ADD COLUMN nickname_key TEXT",
                            "ALTER TABLE contacts ADD COLUMN blocked INTEGER NOT NULL DEFAULT 0",
                            "ALTER TABLE contacts ADD COLUMN blocked_drops INTEGER NOT NULL DEFAULT 0",
                            "CREATE UNIQUE INDEX contacts_by_nickname ON contacts (nickname_key) WHERE nickname_key IS NOT NULL",
                            """
                    UPDATE contacts SET state = CASE
                        WHEN EXISTS (SELECT 1 FROM messages m WHERE m.peer = contacts.address AND m.direction = 'out')
                            THEN 'contact'
                        WHEN EXISTS (SELECT 1 FROM messages m WHERE m.peer = contacts.address AND m.direction = 'in')
                            THEN 'request'
                        ELSE 'stranger' END""")),
            // File transfer (docs/STORAGE.md).
            new Migration(4, List.of("""
                    CREATE TABLE transfers (
                        id              INTEGER PRIMARY KEY,
                        transfer_id     TEXT NOT NULL,
                        peer            TEXT NOT NULL REFERENCES contacts(address),
                        direction       TEXT NOT NULL CHECK (direction IN ('in', 'out')),
                        name            TEXT NOT NULL,
                        size            INTEGER NOT NULL,
                        sha256          TEXT NOT NULL,
                        state           TEXT NOT NULL CHECK (state IN ('uploading', 'offered', 'sending', 'delivered',
                                            'failed', 'rejected', 'receiving', 'complete')),
                        done_bytes      INTEGER NOT NULL DEFAULT 0,
                        portno          INTEGER,
                        path            TEXT,
                        created_at      INTEGER NOT NULL,
                        updated_at      INTEGER NOT NULL,
                        attempts        INTEGER NOT NULL DEFAULT 0,
                        next_attempt_at INTEGER,
                        last_error      TEXT,
                        UNIQUE (peer, direction, transfer_id)
                    )""", "CREATE INDEX transfers_by_id ON transfers (transfer_id)")),
            // Bounded requests (docs/STORAGE.md): what a stranger has left while its request waits (messages, bytes)
            // and since when, so that the caps and the expiry are checked without reading message bodies. A
            // request of before is counted from the messages it has.
            new Migration(
                    5,
                    List.of(
                            "ALTER TABLE contacts ADD COLUMN request_since INTEGER",
                            "ALTER TABLE contacts ADD COLUMN request_messages INTEGER NOT NULL DEFAULT 0",
                            "ALTER TABLE contacts ADD COLUMN request_bytes INTEGER NOT NULL DEFAULT 0",
                            """
                    UPDATE contacts SET
                        request_since = (SELECT MIN(m.received_at) FROM messages m
                                         WHERE m.peer = contacts.address AND m.direction = 'in'),
                        request_messages = (SELECT COUNT(*) FROM messages m
                                            WHERE m.peer = contacts.address AND m.direction = 'in'),
                        request_bytes = (SELECT COALESCE(SUM(LENGTH(CAST(m.body AS BLOB))), 0) FROM messages m
                                         WHERE m.peer = contacts.address AND m.direction = 'in')
                    WHERE state = 'request'""",
                            "UPDATE contacts SET request_since = added_at WHERE state = 'request' AND request_since IS NULL",
                            "CREATE INDEX contacts_requests ON contacts (request_since) WHERE state = 'request'")),
            // issue 14: search index
            // Full-text search over message bodies (SEARCH): an external-content FTS5 table, so the text is stored
            // once, kept in step with messages by triggers in this one place. unicode61 with remove_diacritics
            // matches whole words and their prefixes, in any letter case and with or without accents.
            new Migration(
                    6,
                    List.of(
                            "CREATE VIRTUAL TABLE messages_fts USING fts5(body, content='messages', content_rowid='id', "
                                    + "tokenize='unicode61 remove_diacritics 2')",
                            "INSERT INTO messages_fts (messages_fts) VALUES ('rebuild')",
                            """
                    CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
                        INSERT INTO messages_fts (rowid, body) VALUES (new.id, new.body);
                    END""",
                            """
                    CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
                        INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
                    END""",
                            """
                    CREATE TRIGGER messages_fts_update AFTER UPDATE OF body ON messages BEGIN
                        INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
                        INSERT INTO messages_fts (rowid, body) VALUES (new.id, new.body);
                    END""")),
            // issue 17: history sealed at rest (docs/SEALING.md). A sealed text or file name is kept in its own column
            // (the plain column then holds ''), so that a row says by itself whether it is sealed and a store can be
            // sealed a row at a time. Nothing is sealed here: that needs the key, and happens at start.
            new Migration(
                    7,
                    List.of(
                            "ALTER TABLE messages ADD COLUMN sealed BLOB",
                            "ALTER TABLE transfers ADD COLUMN name_sealed BLOB")),
            // issue 16: groups (docs/GROUPS.md). A group's roster is the creator's signed member list, the highest
            // version seen; group messages keep their author's signature, since members pass them on; per author,
            // 'contiguous' is the highest sequence number held without a gap, what a member offers in a sync.
            new Migration(
                    8,
                    List.of(
                            """
                    CREATE TABLE groups (
                        group_id       TEXT PRIMARY KEY,
                        name           TEXT NOT NULL,
                        creator        TEXT NOT NULL,
                        state          TEXT NOT NULL,
                        invited_by     TEXT,
                        roster_version INTEGER NOT NULL,
                        roster_sig     BLOB NOT NULL,
                        muted          INTEGER NOT NULL DEFAULT 0,
                        created_at     INTEGER NOT NULL,
                        stored_bytes   INTEGER NOT NULL DEFAULT 0,
                        unread_count   INTEGER NOT NULL DEFAULT 0
                    )""",
                            """
                    CREATE TABLE group_members (
                        group_id TEXT NOT NULL REFERENCES groups (group_id) ON DELETE CASCADE,
                        address  TEXT NOT NULL,
                        PRIMARY KEY (group_id, address)
                    )""",
                            """
                    CREATE TABLE group_authors (
                        group_id   TEXT NOT NULL REFERENCES groups (group_id) ON DELETE CASCADE,
                        author     TEXT NOT NULL,
                        contiguous INTEGER NOT NULL,
                        PRIMARY KEY (group_id, author)
                    )""",
                            """
                    CREATE TABLE group_messages (
                        id          INTEGER PRIMARY KEY,
                        group_id    TEXT NOT NULL REFERENCES groups (group_id) ON DELETE CASCADE,
                        author      TEXT NOT NULL,
                        seq         INTEGER NOT NULL,
                        message_id  TEXT NOT NULL,
                        sent_at     INTEGER NOT NULL,
                        body        TEXT NOT NULL,
                        sealed      BLOB,
                        sig         BLOB NOT NULL,
                        received_at INTEGER NOT NULL,
                        unread      INTEGER NOT NULL,
                        UNIQUE (group_id, author, seq)
                    )""",
                            "CREATE INDEX group_messages_in_order ON group_messages (group_id, id)")),
            // issue 16: the creator's invitations still unanswered (sent again whenever a session with the invitee
            // opens), and what our user muted: a whole group (groups.muted) or one member in a group.
            new Migration(9, List.of("""
                    CREATE TABLE group_invites (
                        group_id   TEXT NOT NULL REFERENCES groups (group_id) ON DELETE CASCADE,
                        address    TEXT NOT NULL,
                        invited_at INTEGER NOT NULL,
                        PRIMARY KEY (group_id, address)
                    )""", """
                    CREATE TABLE group_mutes (
                        group_id TEXT NOT NULL REFERENCES groups (group_id) ON DELETE CASCADE,
                        author   TEXT NOT NULL,
                        PRIMARY KEY (group_id, author)
                    )""", "CREATE INDEX group_messages_unread ON group_messages (unread, id)")));

    static int latest() {
        return ALL.get(ALL.size() - 1).version();
    }

    private Migrations() {}
}
