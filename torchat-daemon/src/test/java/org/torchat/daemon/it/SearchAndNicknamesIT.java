package org.torchat.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torchat.daemon.testing.TorchatCli.torchat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchat.daemon.testing.Await;
import org.torchat.daemon.testing.TestDaemon;
import org.torchat.daemon.testing.TestSocks5Server;
import org.torchat.daemon.testing.TorchatCli.Run;
import org.torchat.protocol.Command;

/**
 * Issue 14 against real daemons: {@code torchat search} (the daemon's SEARCH over its full-text index), and a
 * contact's nickname accepted by every scripting command that takes a peer.
 */
class SearchAndNicknamesIT {
    @TempDir
    Path tmp;

    private TestSocks5Server socks;
    private TestDaemon alice;
    private TestDaemon bob;

    @BeforeEach
    void start() throws Exception {
        socks = new TestSocks5Server();
        alice = TestDaemon.startReachable(tmp, "alice", socks, "retrydelay: 200");
        bob = TestDaemon.startReachable(tmp, "bob", socks);
        alice.client().changeContact(Command.ADD_CONTACT, bob.address().hostname(), "Bob");
        bob.client().changeContact(Command.ADD_CONTACT, alice.address().hostname(), "Alice");
    }

    @AfterEach
    void stop() throws Exception {
        alice.close();
        bob.close();
        socks.close();
    }

    private static String port(TestDaemon d) {
        return String.valueOf(d.controlPort());
    }

    private static Run ok(String... args) {
        Run run = torchat(args);
        assertEquals(0, run.code(), String.join(" ", args) + ": " + run.err());
        return run;
    }

    @Test
    void searchFindsWordsInOneConversationOrAll() throws Exception {
        ok("send", "bob", "is the kettle on?", "-p", port(alice));
        ok("send", "bob", "something else", "-p", port(alice));
        Await.until(
                () -> torchat("history", "Alice", "-p", port(bob)).out(),
                s -> s.contains("something else"),
                Duration.ofSeconds(30));
        ok("send", "alice", "the KETTLE is on", "-p", port(bob));
        Await.until(
                () -> torchat("history", "bob", "-p", port(alice)).out(),
                s -> s.contains("KETTLE"),
                Duration.ofSeconds(30));

        List<String> found =
                ok("search", "kettle", "bob", "-p", port(alice)).out().lines().toList();
        assertEquals(2, found.size(), found.toString());
        assertTrue(
                found.get(0).startsWith(bob.address().hostname() + "  [")
                        && found.get(0).contains("< the KETTLE is on"),
                found.get(0));
        assertTrue(
                found.get(1).contains("> is the kettle on? (delivered)")
                        || found.get(1).contains("> is the kettle on? (sent)"),
                found.get(1));

        String json = ok("search", "kett", "--json", "-p", port(alice)).out();
        assertEquals(2, json.lines().count(), json);
        assertTrue(json.lines().findFirst().orElseThrow().contains("\"newer\":0"), json);
        assertTrue(json.contains("\"direction\":\"out\""), json);

        assertEquals("", ok("search", "teapot", "-p", port(alice)).out());
        Run unknown = torchat("search", "kettle", "nobody", "-p", port(alice));
        assertEquals(1, unknown.code(), "an unknown nickname is refused by the daemon: " + unknown.err());
        assertTrue(unknown.err().contains("nickname"), unknown.err());
    }

    @Test
    void everyCommandThatTakesAPeerTakesANickname() throws Exception {
        String p = port(alice);
        ok("send", "BOB", "hello by nickname", "-p", p);
        Await.until(
                () -> torchat("read", "alice", "-p", port(bob)).out(),
                s -> s.contains("hello by nickname"),
                Duration.ofSeconds(30));
        assertTrue(ok("history", "bob", "-p", p).out().contains("hello by nickname"));
        ok("read", "bob", "-p", p);
        assertTrue(ok("search", "nickname", "Bob", "-p", p).out().contains("hello by nickname"));

        Path file = Files.writeString(tmp.resolve("note.txt"), "a note");
        Run sent = ok("send-file", "bob", file.toString(), "-p", p);
        assertTrue(sent.out().strip().matches("[0-9a-f]+"), sent.out());

        ok("nick", "bob", "Robert", "-p", p);
        ok("block", "robert", "-p", p);
        ok("unblock", "Robert", "-p", p);
        ok("remove", "robert", "-p", p);
        assertTrue(ok("contacts", "-p", p).out().lines().noneMatch(l -> l.contains("Robert")));
    }
}
