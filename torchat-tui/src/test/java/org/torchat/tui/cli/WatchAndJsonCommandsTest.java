package org.torchat.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torchat.tui.Onions.onion;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.torchat.protocol.Command;
import org.torchat.protocol.Message;
import org.torchat.tui.ExitCodes;
import org.torchat.tui.FakeDaemonServer;

@Timeout(30)
class WatchAndJsonCommandsTest extends CommandLineHarness {
    private static final String ALICE = onion(1);
    private static final String BOB = onion(2);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void watchPrintsIncomingMessagesAsJsonLinesUsingTheLongPoll() throws IOException {
        Deque<Message> aliceUnread = new ArrayDeque<>(List.of(
                Message.of(Command.RECV, ALICE, 8000, "hi \"you\"\n\u00e9").withDate("18:59"),
                Message.of(Command.RECV, ALICE, 8000, "second").withDate("19:00")));
        Deque<Message> bobUnread = new ArrayDeque<>(List.of(Message.of(Command.RECV, BOB, 8000, "bob").withDate("19:01")));
        daemon = new FakeDaemonServer(r -> {
            synchronized (aliceUnread) {
                if (r.cmd() == Command.GET_PEERS) {
                    String peers = (aliceUnread.isEmpty() ? "" : ALICE) + (bobUnread.isEmpty() ? "" : "," + BOB);
                    return List.of(Message.of(Command.GET_PEERS, "localhost", 8000, peers.replaceAll("^,", "")));
                }
                Deque<Message> q = r.msg().equals(ALICE) ? aliceUnread : bobUnread;
                return List.of(q.isEmpty() ? Message.of(Command.END, r.msg(), 8000, r.msg()) : q.poll());
            }
        });
        assertEquals(0, run("watch", "-p", String.valueOf(daemon.port()), "--count", "3"));
        assertEquals(List.of(
                "{\"peer\":\"" + ALICE + "\",\"text\":\"hi \\\"you\\\"\\n\u00e9\",\"time\":\"18:59\"}",
                "{\"peer\":\"" + ALICE + "\",\"text\":\"second\",\"time\":\"19:00\"}",
                "{\"peer\":\"" + BOB + "\",\"text\":\"bob\",\"time\":\"19:01\"}"), out.toString().lines().toList());
        Message first = daemon.requests.get(0);
        assertEquals(Command.GET_PEERS, first.cmd());
        assertEquals(25_000, first.extension("wait").orElseThrow().intValue(), "the long poll, not a plain poll");
    }

    @Test
    void watchExitsWithTheUnreachableCodeWhenThereIsNoDaemon() throws IOException {
        assertEquals(ExitCodes.UNREACHABLE, run("watch", "-p", String.valueOf(FakeDaemonServer.closedPort())));
        assertTrue(err.toString().startsWith("torchat: cannot reach the daemon"), err.toString());
    }

    @Test
    void watchRejectsABadCount() {
        assertEquals(ExitCodes.USAGE, run("watch", "--count", "0"));
    }

    @Test
    void peersJsonIsOneArray() throws IOException {
        daemon = new FakeDaemonServer(r -> List.of(Message.of(Command.GET_PEERS, "localhost", 80, ALICE + "," + BOB)));
        assertEquals(0, run("peers", "--json", "-p", String.valueOf(daemon.port())));
        assertEquals("[\"" + ALICE + "\",\"" + BOB + "\"]" + System.lineSeparator(), out.toString());
    }

    @Test
    void peersJsonWithoutUnreadIsAnEmptyArray() throws IOException {
        daemon = new FakeDaemonServer(r -> List.of(Message.of(Command.GET_PEERS, "localhost", 80, "")));
        assertEquals(0, run("peers", "--json", "-p", String.valueOf(daemon.port())));
        assertEquals("[]" + System.lineSeparator(), out.toString());
    }

    @Test
    void historyJsonHasOneObjectPerMessageWithStatusAndVerification() throws IOException {
        daemon = new FakeDaemonServer(r -> List.of(
                Message.of(Command.HISTORY, ALICE, 80, "hi").withDate("2026-11-25 18:59")
                        .withExtension("direction", NODES.textNode("in")).withExtension("status", NODES.textNode("received"))
                        .withExtension("verified", NODES.booleanNode(false)),
                Message.of(Command.HISTORY, ALICE, 80, "hello").withDate("2026-11-25 19:00")
                        .withExtension("direction", NODES.textNode("out")).withExtension("status", NODES.textNode("queued"))
                        .withExtension("error", NODES.textNode("SOCKS5 reply 4: host unreachable")),
                Message.of(Command.END, ALICE, 80, "2")));
        assertEquals(0, run("history", "--json", ALICE, "-p", String.valueOf(daemon.port())));
        assertEquals(List.of(
                "{\"direction\":\"in\",\"status\":\"received\",\"text\":\"hi\",\"time\":\"2026-11-25 18:59\",\"verified\":false}",
                "{\"direction\":\"out\",\"error\":\"SOCKS5 reply 4: host unreachable\",\"status\":\"queued\","
                        + "\"text\":\"hello\",\"time\":\"2026-11-25 19:00\"}"), out.toString().lines().toList());
    }

    @Test
    void historyPlainMarksUnverifiedMessages() throws IOException {
        daemon = new FakeDaemonServer(r -> List.of(
                Message.of(Command.HISTORY, ALICE, 80, "hi").withDate("2026-11-25 18:59")
                        .withExtension("direction", NODES.textNode("in")).withExtension("status", NODES.textNode("received"))
                        .withExtension("verified", NODES.booleanNode(false)),
                Message.of(Command.END, ALICE, 80, "1")));
        assertEquals(0, run("history", ALICE, "-p", String.valueOf(daemon.port())));
        assertEquals("[2026-11-25 18:59] < hi (unverified)" + System.lineSeparator(), out.toString());
    }
}
