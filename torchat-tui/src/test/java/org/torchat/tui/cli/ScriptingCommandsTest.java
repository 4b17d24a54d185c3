package org.torchat.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.torchat.tui.Onions.onion;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.torchat.protocol.Command;
import org.torchat.protocol.Message;
import org.torchat.tui.FakeDaemonServer;

@Timeout(30)
class ScriptingCommandsTest extends CommandLineHarness {
    private static final String SELF = onion(0);
    private static final String ALICE = onion(1);
    private static final String BOB = onion(2);

    @Test
    void hostPrintsOurAddress() throws IOException {
        daemon = new FakeDaemonServer(r -> List.of(Message.of(Command.HOST, "localhost", 80, SELF)));
        assertEquals(0, run("host", "-p", port()));
        assertEquals(SELF + System.lineSeparator(), out.toString());
        assertEquals(Command.HOST, daemon.requests.get(0).cmd());
    }

    @Test
    void peersPrintsOnePerLine() throws IOException {
        daemon = new FakeDaemonServer(r -> List.of(Message.of(Command.GET_PEERS, "localhost", 80, ALICE + "," + BOB)));
        assertEquals(0, run("peers", "--host", "127.0.0.1", "--port", port()));
        assertEquals(List.of(ALICE, BOB), out.toString().lines().toList());
    }

    @Test
    void peersPrintsNothingWithoutUnreadMessages() throws IOException {
        daemon = new FakeDaemonServer(r -> List.of(Message.of(Command.GET_PEERS, "localhost", 80, "")));
        assertEquals(0, run("peers", "-p", port()));
        assertEquals("", out.toString());
    }

    @Test
    void historyPrintsBothDirectionsWithStatus() throws IOException {
        com.fasterxml.jackson.databind.node.JsonNodeFactory nodes =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        daemon = new FakeDaemonServer(r -> List.of(
                Message.of(Command.HISTORY, ALICE, 80, "hi")
                        .withDate("2026-11-25 18:59")
                        .withExtension("direction", nodes.textNode("in"))
                        .withExtension("status", nodes.textNode("received")),
                Message.of(Command.HISTORY, ALICE, 80, "hello")
                        .withDate("2026-11-25 19:00")
                        .withExtension("direction", nodes.textNode("out"))
                        .withExtension("status", nodes.textNode("queued"))
                        .withExtension("error", nodes.textNode("SOCKS5 reply 4: host unreachable")),
                Message.of(Command.END, ALICE, 80, "2")));
        assertEquals(0, run("history", ALICE, "-n", "2", "-p", port()));
        assertEquals(
                List.of(
                        "[2026-11-25 18:59] < hi",
                        "[2026-11-25 19:00] > hello (queued: SOCKS5 reply 4: host unreachable)"),
                out.toString().lines().toList());
        assertEquals(Command.HISTORY, daemon.requests.get(0).cmd());
        assertEquals("2", daemon.requests.get(0).msg());
        assertEquals(ALICE, daemon.requests.get(0).id());
    }

    @Test
    void statusPrintsTheDaemonsLine() throws IOException {
        daemon = new FakeDaemonServer(
                r -> List.of(Message.of(Command.STATUS, "localhost", 80, "tor bootstrapping 45%")));
        assertEquals(0, run("status", "-p", port()));
        assertEquals("tor bootstrapping 45%" + System.lineSeparator(), out.toString());
        assertEquals(Command.STATUS, daemon.requests.get(0).cmd());
    }

    @Test
    void historyTakesTheCountAsASecondArgumentToo() throws IOException {
        daemon = new FakeDaemonServer(r -> List.of(Message.of(Command.END, ALICE, 80, "0")));
        assertEquals(0, run("history", ALICE, "7", "-p", port()));
        assertEquals("7", daemon.requests.get(0).msg());
        assertEquals(2, run("history", ALICE, "0", "-p", port()));
    }

    @Test
    void historyRefusesACountOutOfRange() {
        assertEquals(2, run("history", ALICE, "-n", "0", "-p", "1"));
        assertTrue(err.toString().contains("-n must be 1..1000, got 0"), err.toString());
    }

    @Test
    void readPopsEveryUnreadMessage() throws IOException {
        Deque<Message> unread = new ArrayDeque<>(List.of(
                Message.of(Command.RECV, ALICE, 80, "hi").withDate("18:59"),
                Message.of(Command.RECV, ALICE, 80, "there").withDate("19:00")));
        daemon = new FakeDaemonServer(
                r -> List.of(unread.isEmpty() ? Message.of(Command.END, ALICE, 80, ALICE) : unread.poll()));
        assertEquals(0, run("read", ALICE.toUpperCase(), "-p", port()));
        assertEquals(
                List.of("[18:59] hi", "[19:00] there"), out.toString().lines().toList());
        assertEquals(3, daemon.requests.size());
        for (Message m : daemon.requests) {
            assertEquals(Command.UPDATE, m.cmd());
            assertEquals(ALICE, m.msg(), "the peer goes in msg, in canonical form");
        }
    }

    @Test
    void sendIsSilentOnSuccess() throws IOException {
        daemon = new FakeDaemonServer(r -> List.of(Message.of(Command.END, SELF, 80, "")));
        assertEquals(0, run("send", "-p", port(), ALICE, "hello", "there"));
        assertEquals("", out.toString());
        assertEquals("", err.toString());
        Message sent = daemon.requests.get(0);
        assertEquals(Command.SEND, sent.cmd());
        assertEquals(ALICE, sent.id());
        assertEquals("hello there", sent.msg());
        assertEquals(80, sent.portno());
    }

    @Test
    void aRefusalIsExitOneWithTheDaemonsReason() throws IOException {
        daemon = new FakeDaemonServer(
                r -> List.of(Message.of(Command.ERR, SELF, 80, "TOR couldn't send the message: timeout")));
        assertEquals(1, run("send", "-p", port(), ALICE, "hello"));
        assertEquals(
                "torchat: the daemon refused: TOR couldn't send the message: timeout" + System.lineSeparator(),
                err.toString());
    }

    @Test
    void stopSendsExit() throws IOException {
        daemon = new FakeDaemonServer(r -> List.of(Message.of(Command.END, "localhost", 80, "")));
        assertEquals(0, run("stop", "-p", port()));
        assertEquals(Command.EXIT, daemon.requests.get(0).cmd());
    }

    @Test
    void anUnreachableDaemonIsExitThreeWithOneLine() throws IOException {
        int closed = FakeDaemonServer.closedPort();
        for (String[] args : List.of(
                new String[] {"host", "-p", "" + closed},
                new String[] {"peers", "-p", "" + closed},
                new String[] {"send", "-p", "" + closed, ALICE, "x"},
                new String[] {"stop", "-p", "" + closed},
                new String[] {"read", "-p", "" + closed, ALICE},
                new String[] {"localhost", "" + closed})) {
            err.getBuffer().setLength(0);
            assertEquals(3, run(args), String.join(" ", args));
            assertEquals(
                    "torchat: cannot reach the daemon at localhost:" + closed + ": Connection refused "
                            + "(is torchatd running? start it with bin/torchatd -d " + closed + ")"
                            + System.lineSeparator(),
                    err.toString(),
                    String.join(" ", args));
        }
        assertEquals("", out.toString());
    }

    @Test
    void theInteractiveClientWithoutATerminalIsOneLineAndExitOne() throws IOException {
        assumeTrue(System.console() == null, "this JVM has a terminal");
        daemon = new FakeDaemonServer(r -> List.of(
                r.cmd() == Command.HOST
                        ? Message.of(Command.HOST, "localhost", 80, SELF)
                        : Message.of(Command.GET_PEERS, "localhost", 80, "")));
        assertEquals(1, run("localhost", port()));
        assertEquals(
                "torchat: the interactive client needs a terminal on stdin and stdout; for scripts use the "
                        + "subcommands (torchat --help)" + System.lineSeparator(),
                err.toString());
        assertEquals(
                List.of(Command.HOST, Command.STATUS, Command.GET_PEERS),
                daemon.requests.stream().map(Message::cmd).toList(),
                "it asked the daemon first (and whether history is locked), and popped nothing");
    }

    @Test
    void aBadOnionAddressIsExitTwoWithTheReason() {
        assertEquals(2, run("send", "-p", "1", "nothing.onion", "hi"));
        assertEquals(
                "torchat: 'nothing.onion' is not an onion address: a v3 address has 56 base32 characters "
                        + "before .onion, this has 7" + System.lineSeparator(),
                err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("read", "-p", "1", "expyuzz4wqqyqhjn.onion"));
        assertTrue(
                err.toString().startsWith("torchat: 'expyuzz4wqqyqhjn.onion' is a v2 onion address"), err.toString());
    }

    @Test
    void commandLineErrorsAreExitTwo() {
        assertEquals(2, run());
        assertTrue(err.toString().startsWith("Missing required parameters: 'HOST', 'PORT'"), err.toString());
        assertEquals(2, run("localhost"));
        assertEquals(2, run("localhost", "notaport"));
        assertEquals(2, run("localhost", "70000"));
        assertEquals(2, run("send", ALICE));
        assertEquals(2, run("read"));
        assertEquals(2, run("host", "--port", "0"));
        assertEquals(2, run("peers", "extra"));
        assertEquals(2, run("send", "-p", "1", ALICE, " "));
    }

    @Test
    void helpAndVersion() {
        assertEquals(0, run("--help"));
        assertTrue(
                out.toString().startsWith("Usage: torchat [-hV] [--color=WHEN] [--bell=WHEN] [--title] HOST PORT"),
                out.toString());
        for (String sub : List.of("host", "peers", "read", "send", "stop")) {
            assertTrue(out.toString().contains("  " + sub + " "), sub);
        }
        out.getBuffer().setLength(0);
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("torchat "), out.toString());
        assertTrue(out.toString().contains(" (commit "), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("send", "--help"));
        assertTrue(out.toString().contains("--host=HOST"));
    }
}
