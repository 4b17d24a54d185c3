package org.torchat.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torchat.daemon.testing.TorchatCli.torchat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchat.daemon.seal.SealInit;
import org.torchat.daemon.testing.Await;
import org.torchat.daemon.testing.TestDaemon;
import org.torchat.daemon.testing.TestSocks5Server;
import org.torchat.daemon.testing.TorchatCli;
import org.torchat.protocol.Message;
import org.torchat.protocol.client.DaemonErrorException;

/**
 * Issue 17 item 4, history sealed at rest, with two real daemons and real SQLite files: alice seals, bob writes to
 * her. A locked alice still stores what bob sends and shows it after unlock; the store's files never hold a text;
 * a wrong passphrase is refused; a restart is locked again; turning sealing on seals what was stored before.
 */
class SealIT {
    private static final String PASSPHRASE = "correct horse battery staple";
    /** Texts whose bytes must never be found in the store: ASCII, CJK, emoji (a ZWJ sequence), accents. */
    private static final List<String> SECRETS =
            List.of("meet me at the old mill", "秘密の会議は午後三時です", "🐈‍⬛🔑 unter der Brücke", "zażółć gęślą jaźń");

    @TempDir
    Path tmp;

    private TestSocks5Server socks;
    private TestDaemon alice;
    private TestDaemon bob;
    private Path aliceDir;
    private Path passphraseFile;

    @BeforeEach
    void start() throws Exception {
        socks = new TestSocks5Server();
        bob = TestDaemon.startReachable(tmp, "bob", socks, config(false));
        aliceDir = TestDaemon.newDataDir(tmp, "alice");
        passphraseFile = Files.writeString(tmp.resolve("passphrase"), PASSPHRASE + "\n");
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

    private static String[] config(boolean sealed) {
        return new String[] {
            "retrydelay: 300", "retrylimit: 300", "strangers: allow", "recvrate: 0", "sealhistory: " + sealed
        };
    }

    private void startAlice(boolean sealed) throws Exception {
        alice = TestDaemon.start(aliceDir, socks.address(), config(sealed));
        socks.map(alice.address().hostname(), alice.peerPort());
    }

    private void restartAlice(boolean sealed) throws Exception {
        alice.close();
        alice = null;
        startAlice(sealed);
    }

    private void sealInit() throws Exception {
        SealInit.run(aliceDir, PASSPHRASE.toCharArray());
    }

    @Test
    void aLockedDaemonStoresWhatArrivesShowsItAfterUnlockAndItsFilesHoldNoText() throws Exception {
        sealInit();
        startAlice(true);
        String aliceAddress = alice.address().hostname();
        String bobAddress = bob.address().hostname();
        assertEquals(
                "rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(aliceDir.resolve("seal.key"))));

        for (String s : SECRETS) {
            bob.client().send(aliceAddress, s);
        }
        Await.until(() -> delivered(bob, aliceAddress, SECRETS.size()), done -> done); // acknowledged by locked alice
        alice.client().send(bobAddress, "a reply sent while locked");
        Await.until(() -> texts(bob, aliceAddress), l -> l.contains("a reply sent while locked"));

        DaemonErrorException locked =
                assertThrows(DaemonErrorException.class, () -> alice.client().history(bobAddress, 10));
        assertTrue(
                locked.getMessage().contains("locked") && locked.getMessage().contains("torchat unlock"),
                locked.getMessage());
        assertThrows(DaemonErrorException.class, () -> alice.client().update(bobAddress), "UPDATE refused");
        assertEquals(List.of(bobAddress), alice.client().peersWithUnread(), "nothing was popped while locked");

        TorchatCli.Run unlock = torchat("unlock", "-p", port(alice), "--passphrase-file", passphraseFile.toString());
        assertEquals(0, unlock.code(), unlock.err());
        List<String> shown = texts(alice, bobAddress);
        assertEquals(SECRETS.size() + 1, shown.size(), shown.toString());
        assertTrue(shown.containsAll(SECRETS), shown.toString());
        assertEquals(
                SECRETS.get(0),
                alice.client().update(bobAddress).map(Message::msg).orElse(null),
                "the first unread message is still unread");
        assertEquals(0, torchat("lock", "-p", port(alice)).code());
        assertThrows(DaemonErrorException.class, () -> alice.client().history(bobAddress, 10), "locked again");

        List<String> all = new ArrayList<>(SECRETS);
        all.add("a reply sent while locked");
        assertNoTextIn(aliceDir, all);
        assertEquals(1, torchat("search", "mill", "-p", port(alice)).code(), "search is off while sealed");
    }

    @Test
    void aWrongPassphraseIsRefusedAndARestartIsLockedAgain() throws Exception {
        sealInit();
        startAlice(true);
        String bobAddress = bob.address().hostname();
        bob.client().send(alice.address().hostname(), "before the restart");
        Await.until(() -> delivered(bob, alice.address().hostname(), 1), done -> done);

        Path wrong = Files.writeString(tmp.resolve("wrong"), "not the passphrase\n");
        TorchatCli.Run refused = torchat("unlock", "-p", port(alice), "--passphrase-file", wrong.toString());
        assertNotEquals(0, refused.code());
        assertTrue(refused.err().contains("wrong passphrase"), refused.err());
        assertThrows(DaemonErrorException.class, () -> alice.client().history(bobAddress, 10), "still locked");

        assertEquals(
                0,
                torchat("unlock", "-p", port(alice), "--passphrase-file", passphraseFile.toString())
                        .code());
        TorchatCli.Run again = torchat("unlock", "-p", port(alice), "--passphrase-file", passphraseFile.toString());
        assertNotEquals(0, again.code());
        assertTrue(again.err().contains("already unlocked"), again.err());
        assertEquals(List.of("before the restart"), texts(alice, bobAddress));

        restartAlice(true);
        DaemonErrorException locked =
                assertThrows(DaemonErrorException.class, () -> alice.client().history(bobAddress, 10));
        assertTrue(locked.getMessage().contains("locked"), locked.getMessage());
        TorchatCli.Run status = torchat("status", "-p", port(alice));
        assertTrue(status.out().contains("history: sealed, locked"), status.out());

        // Guessing: five wrong passphrases cost only their key derivation; the sixth makes the next one wait.
        for (int i = 0; i < 6; i++) {
            assertTrue(torchat("unlock", "-p", port(alice), "--passphrase-file", wrong.toString())
                    .err()
                    .contains("wrong passphrase"));
        }
        TorchatCli.Run throttled = torchat("unlock", "-p", port(alice), "--passphrase-file", passphraseFile.toString());
        assertNotEquals(0, throttled.code());
        assertTrue(throttled.err().contains("too many wrong passphrases: try again in 1 s"), throttled.err());
        Thread.sleep(1100); // then the right one opens it
        assertEquals(
                0,
                torchat("unlock", "-p", port(alice), "--passphrase-file", passphraseFile.toString())
                        .code());
        assertEquals(List.of("before the restart"), texts(alice, bobAddress));
    }

    @Test
    void turningSealingOnSealsWhatIsStoredAndUnsealedDaemonsRefuseUnlock() throws Exception {
        startAlice(false);
        String aliceAddress = alice.address().hostname();
        String bobAddress = bob.address().hostname();
        TorchatCli.Run notSealed = torchat("unlock", "-p", port(alice), "--passphrase-file", passphraseFile.toString());
        assertNotEquals(0, notSealed.code());
        assertTrue(notSealed.err().contains("not sealed"), notSealed.err());
        for (String s : SECRETS) {
            bob.client().send(aliceAddress, s);
        }
        alice.client().send(bobAddress, "sent before sealing");
        Await.until(() -> texts(alice, bobAddress), l -> l.size() == SECRETS.size() + 1);
        Await.until(() -> delivered(alice, bobAddress, 1), done -> done);
        assertEquals(0, torchat("search", "mill", "-p", port(alice)).code(), "the index has the words");

        alice.close();
        alice = null;
        sealInit();
        startAlice(true);
        List<String> all = new ArrayList<>(SECRETS);
        all.add("sent before sealing");
        assertNoTextIn(aliceDir, all);
        assertEquals(
                0,
                torchat("unlock", "-p", port(alice), "--passphrase-file", passphraseFile.toString())
                        .code());
        List<String> shown = texts(alice, bobAddress);
        assertTrue(shown.containsAll(all), shown.toString());
    }

    /** Neither torchat.db nor its write-ahead log holds any of {@code texts} (nor the FTS index's words). */
    private static void assertNoTextIn(Path dataDir, List<String> texts) throws Exception {
        for (String name : new String[] {"torchat.db", "torchat.db-wal"}) {
            Path file = dataDir.resolve(name);
            if (!Files.exists(file)) {
                continue;
            }
            byte[] bytes = Files.readAllBytes(file);
            for (String text : texts) {
                for (String part : new String[] {text, text.substring(0, Math.min(text.length(), 6))}) {
                    assertFalse(contains(bytes, part.getBytes(StandardCharsets.UTF_8)), name + " holds '" + part + "'");
                }
            }
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static String port(TestDaemon d) {
        return String.valueOf(d.controlPort());
    }

    private static List<String> texts(TestDaemon d, String peer) throws Exception {
        return d.client().history(peer, 1000).stream().map(Message::msg).toList();
    }

    /** {@code d} has at least {@code n} messages to {@code peer}, all of them acknowledged. */
    private static boolean delivered(TestDaemon d, String peer, int n) throws Exception {
        List<Message> out = d.client().history(peer, 1000).stream()
                .filter(m -> "out"
                        .equals(m.extension("direction").map(JsonNode::asText).orElse("")))
                .toList();
        return out.size() >= n
                && out.stream()
                        .allMatch(m -> "delivered"
                                .equals(m.extension("status")
                                        .map(JsonNode::asText)
                                        .orElse("")));
    }
}
