package org.torchat.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchat.daemon.store.NativeLibraryDirectory;
import org.torchat.daemon.testing.DaemonProcess;
import org.torchat.daemon.testing.TestSocks5Server;
import org.torchat.daemon.testing.Wire;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.MessageCodec;
import org.torchat.protocol.client.DaemonClient;
import org.torchat.protocol.identity.Ed25519Identity;

/**
 * One real daemon JVM, stopped with SIGTERM and started again on the same data directory: unread state,
 * history and the store's knowledge of message ids survive; with --ephemeral nothing does.
 */
class RestartSurvivalIT {
    private static final String MID_1 = "0123456789abcdef0123456789abcdef";
    private static final String MID_3 = "fedcba9876543210fedcba9876543210";
    private static final String MID_4 = "message-id_with-dashes_0042";

    @TempDir
    Path tmp;

    private DaemonProcess daemon;

    @AfterEach
    void kill() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void sqlitesNativeLibraryLivesInTheDataDirectoryAndAKilledRunLeavesNothingBehind() throws Exception {
        daemon = new DaemonProcess(tmp, "d", closedSocks(), null);
        daemon.start();
        Path nativeDir = daemon.dataDir().resolve(NativeLibraryDirectory.NAME);
        List<String> first = sqliteFiles(nativeDir);
        assertTrue(first.stream().anyMatch(f -> f.endsWith(".so")), "unpacked into the data directory: " + first);
        assertEquals(
                Set.of(
                        PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE),
                Files.getPosixFilePermissions(nativeDir));

        daemon.kill();
        assertEquals(first, sqliteFiles(nativeDir), "kill -9 leaves the unpacked library behind");
        daemon.start();

        List<String> second = sqliteFiles(nativeDir);
        assertEquals(1, second.stream().filter(f -> f.endsWith(".so")).count(), "only the new run's: " + second);
        assertTrue(second.stream().noneMatch(first::contains), "the killed run's files are gone: " + second);
    }

    private static List<String> sqliteFiles(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("sqlite-"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void unreadMessagesHistoryAndKnownIdsSurviveARestart() throws Exception {
        daemon = new DaemonProcess(tmp, "d", closedSocks(), allowStrangers());
        daemon.start();
        String alice = Ed25519Identity.generate().onionAddress().hostname();
        String carol = Ed25519Identity.generate().onionAddress().hostname();

        assertEquals(MID_1, recv(alice, "first, with an id", MID_1));
        String generated = recv(alice, "second, without an id", null);
        assertTrue(generated.matches("[0-9a-f]{32}"), "the daemon gives a message without id its own: " + generated);
        assertEquals(MID_3, recv(carol, "from carol", MID_3));
        assertEquals(MID_4, recv(alice, "third, with an id", MID_4));
        assertEquals("first, with an id", client().update(alice).orElseThrow().msg());

        restart();

        assertEquals(List.of(alice, carol), client().peersWithUnread(), "unread peers survive");
        List<Message> history = client().history(alice, 10);
        assertEquals(
                List.of("first, with an id", "second, without an id", "third, with an id"),
                history.stream().map(Message::msg).toList());
        assertEquals(
                List.of(MID_1, generated, MID_4),
                history.stream().map(m -> ext(m, Extensions.MESSAGE_ID)).toList());
        history.forEach(m -> {
            assertEquals("in", ext(m, Extensions.DIRECTION), m.toString());
            assertEquals("received", ext(m, Extensions.STATUS), m.toString());
            assertEquals(alice, m.id(), m.toString());
        });

        // A re-sent message (its acknowledgement was lost) is acknowledged again, and not stored again.
        assertEquals(MID_1, recv(alice, "first, with an id", MID_1));
        assertEquals(generated, recv(alice, "second, without an id", generated));
        assertEquals(3, client().history(alice, 10).size(), "re-sent messages are not stored twice");
        assertEquals(1, client().history(carol, 10).size());

        // The message read before the restart stays read; the rest come in order.
        assertEquals(
                "second, without an id", client().update(alice).orElseThrow().msg());
        assertEquals(List.of(alice, carol), client().peersWithUnread());
        restart();
        assertEquals("third, with an id", client().update(alice).orElseThrow().msg());
        assertEquals(Optional.empty(), client().update(alice));
        assertEquals(List.of(carol), client().peersWithUnread());
        restart();
        assertEquals(List.of(carol), client().peersWithUnread(), "reading survives a restart too");
        assertEquals("from carol", client().update(carol).orElseThrow().msg());
        assertEquals(List.of(), client().peersWithUnread());
        assertEquals(3, client().history(alice, 1000).size(), "reading keeps the history");
    }

    @Test
    void aQueuedMessageSurvivesARestartWithItsId() throws Exception {
        daemon = new DaemonProcess(tmp, "d", closedSocks(), null);
        daemon.start();
        String bob = Ed25519Identity.generate().onionAddress().hostname();
        Message end = client().send(bob, "for later");
        String mid = ext(end, Extensions.MESSAGE_ID);
        assertTrue(mid != null && mid.matches("[0-9a-f]{32}"), end.toString());

        restart();

        List<Message> history = client().history(bob, 5);
        assertEquals(1, history.size(), history.toString());
        assertEquals("for later", history.get(0).msg());
        assertEquals(mid, ext(history.get(0), Extensions.MESSAGE_ID));
        assertEquals("out", ext(history.get(0), Extensions.DIRECTION));
        assertEquals("queued", ext(history.get(0), Extensions.STATUS), "Tor is unreachable: still queued, not lost");
    }

    @Test
    void withEphemeralNothingSurvivesARestart() throws Exception {
        daemon = new DaemonProcess(tmp, "d", closedSocks(), allowStrangers(), "--ephemeral");
        daemon.start();
        String onion = daemon.onion();
        String alice = Ed25519Identity.generate().onionAddress().hostname();
        assertEquals(MID_1, recv(alice, "volatile", MID_1));
        assertEquals(List.of(alice), client().peersWithUnread());
        assertEquals(1, client().history(alice, 10).size());

        restart();

        assertEquals(onion, daemon.onion(), "the identity is kept even so");
        assertEquals(List.of(), client().peersWithUnread());
        assertEquals(List.of(), client().history(alice, 10));
        assertEquals(Optional.empty(), client().update(alice));
        assertFalse(Files.exists(daemon.dataDir().resolve("torchat.db")), "no message store on disk");
    }

    @Test
    void nicknamesBlocksAndRequestsSurviveARestart() throws Exception {
        daemon = new DaemonProcess(tmp, "d", closedSocks(), null); // strangers: requests, the default
        daemon.start();
        String bob = Ed25519Identity.generate().onionAddress().hostname();
        String carol = Ed25519Identity.generate().onionAddress().hostname();
        String mallory = Ed25519Identity.generate().onionAddress().hostname();
        client().changeContact(Command.ADD_CONTACT, bob, "Bob");
        client().changeContact(Command.RENAME, "bob", "Bobby Tables");
        recv(carol, "hello, may I?", MID_1);
        client().changeContact(Command.BLOCK, mallory, "");
        recv(mallory, "spam", MID_3);

        restart();

        java.util.Map<String, Message> contacts = new java.util.HashMap<>();
        client().contacts().forEach(m -> contacts.put(m.id(), m));
        assertEquals(java.util.Set.of(bob, mallory), contacts.keySet());
        assertEquals("Bobby Tables", contacts.get(bob).msg());
        assertEquals(
                bob,
                client().changeContact(Command.RENAME, "BOBBY TABLES", "Bob").id(),
                "the nickname resolves");
        assertTrue(contacts.get(mallory)
                .extension(Extensions.BLOCKED)
                .orElseThrow()
                .booleanValue());
        assertEquals(
                1,
                contacts.get(mallory)
                        .extension(Extensions.DROPPED)
                        .orElseThrow()
                        .intValue());
        assertEquals(MID_4, recv(mallory, "more spam", MID_4), "still blocked: acknowledged, and dropped");
        assertEquals(List.of(), client().history(mallory, 10));
        List<Message> requests = client().requests();
        assertEquals(List.of(carol), requests.stream().map(Message::id).toList());
        assertEquals("hello, may I?", requests.get(0).msg());
        assertEquals(List.of(), client().peersWithUnread(), "a request is not listed by GET_PEERS");
    }

    /** A torchat.conf that lets strangers through, as the original daemon did: these tests use made-up senders. */
    private Path allowStrangers() throws Exception {
        return Files.writeString(tmp.resolve("torchat.conf"), "strangers: allow\n");
    }

    /** Stops the daemon with SIGTERM (it must exit 0) and starts it again on the same ports and data. */
    private void restart() throws Exception {
        assertEquals(0, daemon.stop(), daemon.logTail(20));
        daemon.start();
    }

    private DaemonClient client() {
        return daemon.client();
    }

    /** Sends a RECV as a peer would, with raw bytes to the peer port; returns the acknowledged message id. */
    private String recv(String from, String text, String mid) throws Exception {
        Message frame = Message.of(Command.RECV, from, 80, text).withDate("Wed Nov 25 18:56:20 2026");
        if (mid != null) {
            frame = frame.withExtension(Extensions.MESSAGE_ID, JsonNodeFactory.instance.textNode(mid));
        }
        List<Message> replies = frames(Wire.exchange(daemon.peerPort(), Wire.frame(MessageCodec.encode(frame))));
        assertEquals(1, replies.size(), replies.toString());
        Message end = replies.get(0);
        assertEquals(Command.END, end.cmd(), end.toString());
        assertEquals(daemon.onion(), end.id());
        String acked = ext(end, Extensions.MESSAGE_ID);
        if (mid != null) {
            assertEquals(mid, acked, "the acknowledgement names the message");
        }
        return acked;
    }

    private static List<Message> frames(String raw) throws Exception {
        List<Message> out = new ArrayList<>();
        byte[] bytes = raw.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int i = 0;
        while (i < bytes.length) {
            int length = Integer.parseInt(new String(bytes, i, 4, java.nio.charset.StandardCharsets.US_ASCII));
            out.add(MessageCodec.decode(new String(bytes, i + 4, length, java.nio.charset.StandardCharsets.UTF_8)));
            i += 4 + length;
        }
        return out;
    }

    private static String ext(Message m, String name) {
        return m.extension(name).map(JsonNode::asText).orElse(null);
    }

    private static String closedSocks() throws Exception {
        return "127.0.0.1:" + TestSocks5Server.closedPort().getPort();
    }
}
