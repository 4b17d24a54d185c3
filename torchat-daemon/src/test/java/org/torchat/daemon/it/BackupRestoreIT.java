package org.torchat.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torchat.daemon.testing.TorchatCli.torchat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchat.daemon.Torchatd;
import org.torchat.daemon.testing.Await;
import org.torchat.daemon.testing.TestDaemon;
import org.torchat.daemon.testing.TestSocks5Server;
import org.torchat.daemon.testing.TorchatCli;
import org.torchat.protocol.Command;
import org.torchat.protocol.Json;
import org.torchat.protocol.Message;

/**
 * Issue 17: a running daemon with traffic is backed up by the client, stopped, restored into a new directory and
 * started there: same onion address, same history; a message its peer sent during the move arrives afterwards through
 * the peer's retries; wrong passphrases and damaged or truncated files are refused and leave nothing behind.
 */
class BackupRestoreIT {
    private static final String PASSPHRASE = "correct horse battery staple";

    @TempDir
    Path tmp;

    private TestSocks5Server socks;
    private TestDaemon alice;
    private TestDaemon bob;
    private Path passphraseFile;

    @BeforeEach
    void start() throws Exception {
        socks = new TestSocks5Server();
        alice = TestDaemon.startReachable(tmp, "alice", socks, config());
        bob = TestDaemon.startReachable(tmp, "bob", socks, config());
        passphraseFile = Files.writeString(tmp.resolve("passphrase"), PASSPHRASE + "\n");
    }

    /** Retries start at 300 ms and triple: a peer that is away for a few seconds is tried again soon after. */
    private static String[] config() {
        return new String[] {"retrydelay: 300", "retrylimit: 300", "strangers: allow", "recvrate: 0", "recvratetotal: 0"
        };
    }

    @AfterEach
    void stop() throws Exception {
        for (TestDaemon d : new TestDaemon[] {alice, bob}) {
            if (d != null) {
                d.close();
            }
        }
        socks.close();
    }

    @Test
    void aRestoredDaemonHasTheAddressAndHistoryAndGetsWhatWasSentDuringTheMove() throws Exception {
        String aliceAddress = alice.address().hostname();
        String bobAddress = bob.address().hostname();
        alice.client().changeContact(Command.ADD_CONTACT, bobAddress, "bob");
        for (int i = 1; i <= 3; i++) {
            bob.client().send(aliceAddress, "from bob " + i);
            alice.client().send(bobAddress, "from alice " + i);
        }
        Await.until(() -> texts(alice, bobAddress).size() == 6 && delivered(alice, bobAddress), done -> done);
        List<String> before = texts(alice, bobAddress);

        // Traffic goes on while the backup is taken: the snapshot must be one consistent state, a prefix of it.
        Thread traffic = new Thread(() -> {
            try {
                for (int i = 1; i <= 40; i++) {
                    bob.client().send(aliceAddress, "during the backup " + i);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        traffic.start();
        Path backup = tmp.resolve("alice.tcbk");
        TorchatCli.Run run = torchat(
                "backup",
                backup.toString(),
                "-p",
                String.valueOf(alice.controlPort()),
                "--passphrase-file",
                passphraseFile.toString());
        traffic.join();
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("backup of " + aliceAddress), run.out());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)));
        assertFalse(
                new String(Files.readAllBytes(backup), StandardCharsets.ISO_8859_1).contains("from bob"),
                "the backup is encrypted");
        assertEquals(List.of("alice.tcbk", "passphrase"), hiddenAndPartialFilesIn(tmp), "no partial files left");
        List<String> old = Await.until(() -> texts(alice, bobAddress), list -> list.size() == 46);

        // The move: alice stops, bob writes to her meanwhile, and his daemon keeps retrying.
        alice.close();
        alice = null;
        bob.client().send(aliceAddress, "sent during the move");

        Path moved = tmp.resolve("alice-moved");
        Restored restored = restore(backup, moved, passphraseFile);
        assertEquals(0, restored.code(), restored.err());
        assertTrue(restored.out().contains("restored " + aliceAddress + " into " + moved), restored.out());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(moved)));

        alice = TestDaemon.start(moved, socks.address(), config());
        socks.map(alice.address().hostname(), alice.peerPort());
        assertEquals(aliceAddress, alice.client().host(), "the same onion address");
        List<String> kept = texts(alice, bobAddress).stream()
                .filter(t -> !t.equals("sent during the move"))
                .toList();
        assertEquals(before, kept.subList(0, 6), "the same history");
        assertEquals(old.subList(0, kept.size()), kept, "one consistent state: what the daemon had at one moment");
        assertEquals(
                "bob",
                alice.client()
                        .contacts()
                        .get(0)
                        .extension("nickname")
                        .map(JsonNode::asText)
                        .orElse(null),
                "the same contacts");

        List<String> after = Await.until(
                () -> texts(alice, bobAddress), list -> list.contains("sent during the move"), Duration.ofSeconds(60));
        assertEquals(kept.size() + 1, after.size(), "delivered once: " + after);
    }

    @Test
    void wrongPassphraseDamagedAndTruncatedBackupsAreRefusedAndLeaveNothing() throws Exception {
        bob.client().send(alice.address().hostname(), "something to keep");
        Await.until(() -> texts(alice, bob.address().hostname()), list -> list.size() == 1);
        Path backup = tmp.resolve("b.tcbk");
        assertEquals(
                0,
                torchat(
                                "backup",
                                backup.toString(),
                                "-p",
                                String.valueOf(alice.controlPort()),
                                "--passphrase-file",
                                passphraseFile.toString())
                        .code());
        byte[] bytes = Files.readAllBytes(backup);

        Path wrong = Files.writeString(tmp.resolve("wrong"), "not the passphrase\n");
        assertRefused(restore(backup, tmp.resolve("r1"), wrong), "wrong passphrase");

        Path cutInside = Files.write(tmp.resolve("cut.tcbk"), java.util.Arrays.copyOf(bytes, bytes.length - 100));
        assertRefused(restore(cutInside, tmp.resolve("r2"), passphraseFile), "truncated");

        Path cutHeader = Files.write(tmp.resolve("header.tcbk"), java.util.Arrays.copyOf(bytes, 40));
        assertRefused(restore(cutHeader, tmp.resolve("r3"), passphraseFile), "truncated");

        byte[] flipped = bytes.clone();
        flipped[bytes.length / 3] ^= 0x01;
        Path damaged = Files.write(tmp.resolve("damaged.tcbk"), flipped);
        assertRefused(restore(damaged, tmp.resolve("r4"), passphraseFile), "damaged");

        Path notABackup = Files.writeString(tmp.resolve("note.txt"), "hello");
        assertRefused(restore(notABackup, tmp.resolve("r5"), passphraseFile), "not a TORchat backup");

        // A backup is only restored into a new (or empty) directory, never over a daemon's data.
        Restored intoUsed = restore(backup, tmp.resolve("bob"), passphraseFile);
        assertEquals(1, intoUsed.code());
        assertTrue(intoUsed.err().contains("is not empty"), intoUsed.err());

        try (Stream<Path> left = Files.list(tmp)) {
            List<String> names =
                    left.map(p -> p.getFileName().toString()).sorted().toList();
            assertTrue(
                    names.stream().noneMatch(n -> n.startsWith("r") && n.length() == 2 || n.contains("restoring")),
                    "nothing half-written: " + names);
        }
        assertEquals(0, restore(backup, tmp.resolve("r6"), passphraseFile).code(), "the intact file restores");
    }

    @Test
    void anEphemeralDaemonHasNoStoreToBackUp() throws Exception {
        try (TestDaemon ephemeral =
                TestDaemon.start(TestDaemon.newDataDir(tmp, "e"), socks.address(), b -> b.ephemeral(true))) {
            TorchatCli.Run run = torchat(
                    "backup",
                    tmp.resolve("e.tcbk").toString(),
                    "-p",
                    String.valueOf(ephemeral.controlPort()),
                    "--passphrase-file",
                    passphraseFile.toString());
            assertEquals(1, run.code());
            assertTrue(run.err().contains("ephemeral"), run.err());
            assertFalse(Files.exists(tmp.resolve("e.tcbk")));
        }
    }

    @Test
    void exportWritesTheWholeConversationWithThePeersControlCharactersDefused() throws Exception {
        String bobAddress = bob.address().hostname();
        bob.client().send(alice.address().hostname(), "red \u001b[31malert\u001b[0m\nsecond line\roverwritten?");
        Await.until(() -> texts(alice, bobAddress), list -> list.size() == 1);
        alice.client().send(bobAddress, "plain reply");
        String port = String.valueOf(alice.controlPort());

        TorchatCli.Run text = torchat("export", bobAddress, "-p", port);
        assertEquals(0, text.code(), text.err());
        assertFalse(text.out().contains("\u001b") || text.out().contains("\r"), text.out());
        // A bare CR would let the peer overwrite the line on a terminal: it starts a new, indented one instead.
        assertTrue(text.out().contains("< red ?[31malert?[0m\n    second line\n    overwritten?"), text.out());
        assertTrue(text.out().contains("> plain reply ("), text.out());
        assertTrue(text.out().endsWith("# 2 messages\n"), text.out());

        TorchatCli.Run json = torchat("export", bobAddress, "--format", "json", "-p", port);
        assertEquals(0, json.code(), json.err());
        JsonNode doc = Json.MAPPER.readTree(json.out());
        assertEquals(bobAddress, doc.get("peer").asText());
        assertEquals(2, doc.get("count").asInt());
        assertEquals(
                "red \u001b[31malert\u001b[0m\nsecond line\roverwritten?",
                doc.get("messages").get(0).get("text").asText(),
                "JSON keeps the text exactly");
        assertEquals("out", doc.get("messages").get(1).get("direction").asText());

        TorchatCli.Run bad = torchat("export", bobAddress, "--format", "xml", "-p", port);
        assertEquals(2, bad.code());
    }

    private static void assertRefused(Restored r, String reason) {
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(reason), r.err());
    }

    private static List<String> hiddenAndPartialFilesIn(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> !Files.isDirectory(dir.resolve(n)))
                    .sorted()
                    .toList();
        }
    }

    private static List<String> texts(TestDaemon d, String peer) throws Exception {
        return d.client().history(peer, 1000).stream().map(Message::msg).toList();
    }

    private static boolean delivered(TestDaemon d, String peer) throws Exception {
        return d.client().history(peer, 1000).stream()
                .filter(m -> "out"
                        .equals(m.extension("direction").map(JsonNode::asText).orElse("")))
                .allMatch(m -> "delivered"
                        .equals(m.extension("status").map(JsonNode::asText).orElse("")));
    }

    /** What {@code torchatd --restore} printed, and its exit code. */
    private record Restored(int code, String out, String err) {}

    private static Restored restore(Path backup, Path dir, Path passphrase) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Torchatd.run(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                "--restore",
                backup.toString(),
                "--data-dir",
                dir.toString(),
                "--passphrase-file",
                passphrase.toString());
        return new Restored(code, out.toString(), err.toString());
    }
}
