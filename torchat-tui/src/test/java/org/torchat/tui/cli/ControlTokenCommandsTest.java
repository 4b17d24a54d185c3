package org.torchat.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torchat.tui.Onions.onion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.torchat.protocol.Command;
import org.torchat.protocol.Message;
import org.torchat.tui.FakeDaemonServer;
import org.torchat.tui.daemon.ControlToken;

/** The control token on the client side: --token-file, the cookie found in --data-dir, and the errors. */
@Timeout(30)
class ControlTokenCommandsTest extends CommandLineHarness {
    private static final String SELF = onion(0);
    private static final String ALICE = onion(1);
    private static final String TOKEN = "0123456789abcdef".repeat(4);
    private static final String MISSING =
            "authentication required: send the control token from DATA_DIR/control.cookie in the 'auth' field";

    @TempDir
    Path tmp;
    /** A fake daemon that requires {@link #TOKEN}, as torchatd with requiretoken does. */
    private void requiringToken(Function<Message, List<Message>> script) throws IOException {
        daemon = new FakeDaemonServer(r -> {
            Optional<String> auth = r.extension("auth").map(n -> n.asText());
            if (auth.isEmpty()) {
                return List.of(Message.of(Command.ERR, "localhost", r.portno(), MISSING));
            }
            if (!auth.get().equals(TOKEN)) {
                return List.of(Message.of(Command.ERR, "localhost", r.portno(), "wrong control token"));
            }
            return script.apply(r);
        });
    }

    private static Optional<String> auth(Message request) {
        return request.extension("auth").map(n -> n.textValue());
    }

    private Path cookieIn(String dir, String text) throws IOException {
        Path d = Files.createDirectories(tmp.resolve(dir));
        Files.writeString(d.resolve("control.cookie"), text);
        return d;
    }

    @Test
    void tokenFileIsSentInTheAuthFieldOfEveryRequest() throws IOException {
        requiringToken(r -> List.of(
                r.cmd() == Command.UPDATE
                        ? Message.of(Command.END, ALICE, 80, ALICE)
                        : Message.of(Command.HOST, "localhost", 80, SELF)));
        Path file = Files.writeString(tmp.resolve("copy.cookie"), TOKEN + "\n");
        Path empty = Files.createDirectories(tmp.resolve("empty"));

        assertEquals(
                0,
                run("host", "--token-file", file.toString(), "-p", port(), "--data-dir", empty.toString()),
                err.toString());
        assertEquals(SELF, out.toString().strip());
        assertEquals(0, run("read", ALICE, "--token-file", file.toString(), "-p", port()), err.toString());

        assertEquals(2, daemon.requests.size());
        for (Message m : daemon.requests) {
            assertEquals(Optional.of(TOKEN), auth(m), m.cmd() + " without the token");
        }
    }

    @Test
    void onThisMachineTheCookieIsReadFromTheDataDirectory() throws IOException {
        requiringToken(r -> List.of(Message.of(Command.GET_PEERS, "localhost", 80, ALICE)));
        Path dataDir = cookieIn("data", TOKEN + "\n");

        assertEquals(0, run("peers", "-p", port(), "--data-dir", dataDir.toString()), err.toString());
        assertEquals(ALICE, out.toString().strip());
        assertEquals(Optional.of(TOKEN), auth(daemon.requests.get(0)));
    }

    @Test
    void withoutACookieNothingIsSentAndTheOriginalProtocolIsUnchanged() throws IOException {
        daemon = new FakeDaemonServer(r -> List.of(Message.of(Command.HOST, "localhost", 80, SELF)));
        Path empty = Files.createDirectories(tmp.resolve("empty"));

        assertEquals(0, run("host", "-p", port(), "--data-dir", empty.toString()));
        assertEquals(Optional.empty(), auth(daemon.requests.get(0)));
    }

    @Test
    void aMissingTokenIsOneClearLineAndExitCodeFour() throws IOException {
        requiringToken(r -> List.of(Message.of(Command.HOST, "localhost", 80, SELF)));
        Path empty = Files.createDirectories(tmp.resolve("empty"));

        assertEquals(4, run("host", "-p", port(), "--data-dir", empty.toString()));
        assertEquals("", out.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(
                err.toString().startsWith("torchat: the daemon at localhost:" + port() + " requires its control token"),
                err.toString());
        assertTrue(err.toString().contains("--token-file FILE"), err.toString());
    }

    @Test
    void aWrongTokenNamesTheFileButNeverShowsTheToken() throws IOException {
        requiringToken(r -> List.of(Message.of(Command.HOST, "localhost", 80, SELF)));
        String wrong = "f".repeat(64);
        Path file = Files.writeString(tmp.resolve("old.cookie"), wrong + "\n");

        assertEquals(4, run("host", "--token-file", file.toString(), "-p", port()));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(
                err.toString().contains("refused the control token from " + file + " (wrong control token)"),
                err.toString());
        assertFalse(err.toString().contains(wrong), "the token was printed");
    }

    @Test
    void theTerminalClientChecksTheTokenBeforeTheScreenOpens() throws IOException {
        requiringToken(r -> List.of(Message.of(Command.HOST, "localhost", 80, SELF)));
        Path empty = Files.createDirectories(tmp.resolve("empty"));

        assertEquals(4, run("--data-dir", empty.toString(), "localhost", port()));
        assertEquals("", out.toString(), "nothing drawn");
        assertTrue(
                err.toString().startsWith("torchat: the daemon at localhost:" + port() + " requires its control token"),
                err.toString());
        assertEquals(Command.HOST, daemon.requests.get(0).cmd());
    }

    @Test
    void theTerminalClientSendsTheTokenFile() throws IOException {
        requiringToken(r -> List.of(Message.of(Command.ERR, "localhost", 80, "stop here")));
        Path file = Files.writeString(tmp.resolve("copy.cookie"), TOKEN);

        // The daemon's ERR (after authentication) ends the start before the screen: exit 1, not 4.
        assertEquals(1, run("--token-file", file.toString(), "localhost", port()));
        assertEquals(Optional.of(TOKEN), auth(daemon.requests.get(0)));
    }

    @Test
    void anUnreadableTokenFileIsAUsageError() {
        assertEquals(2, run("host", "--token-file", tmp.resolve("nope").toString(), "-p", "1"));
        assertTrue(
                err.toString().startsWith("torchat: --token-file " + tmp.resolve("nope") + ": cannot read"),
                err.toString());
    }

    @Test
    void theLocalCookieIsNeverSentToAnotherMachine() throws Exception {
        Path dataDir = cookieIn("data", TOKEN + "\n");

        assertTrue(ControlToken.find("127.0.0.1", null, dataDir).isPresent());
        assertTrue(ControlToken.find("localhost", null, dataDir).isPresent());
        String remote = "203.0.113.77"; // TEST-NET-3: documentation only, normally nobody's address
        org.junit.jupiter.api.Assumptions.assumeTrue(
                java.net.NetworkInterface.getByInetAddress(java.net.InetAddress.getByName(remote)) == null,
                remote + " is an address of this machine");
        assertEquals(Optional.empty(), ControlToken.find(remote, null, dataDir), "not this machine");
        assertEquals(Optional.empty(), ControlToken.find("127.0.0.1", null, tmp.resolve("missing")));
        Path explicit = Files.writeString(tmp.resolve("given"), TOKEN);
        assertEquals(
                TOKEN,
                ControlToken.find(remote, explicit, dataDir).orElseThrow().value(),
                "--token-file is used for any host");
        assertFalse(ControlToken.find("127.0.0.1", null, dataDir)
                .orElseThrow()
                .toString()
                .contains(TOKEN));
    }
}
