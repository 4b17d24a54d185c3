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
        Deque<Message> bobUnread = new ArrayDeque<>(
                List.of(Message.of(Command.RECV, BOB, 8000, "bob").withDate("19:01")));
        daemon = new FakeDaemonServer(r -> {
            synchronized (aliceUnread) {
                if (r.cmd() == Command.GROUP_READ) {
                    return List.of(olderDaemonRefusal(r)); // a daemon from before groups
                }
                if (r.cmd() == Command.GET_PEERS) {
                    String peers = (aliceUnread.isEmpty() ? "" : ALICE) + (bobUnread.isEmpty() ? "" : "," + BOB);
                    return List.of(Message.of(Command.GET_PEERS, "localhost", 8000, peers.replaceAll("^,", "")));
                }
                Deque<Message> q = r.msg().equals(ALICE) ? aliceUnread : bobUnread;
                return List.of(q.isEmpty() ? Message.of(Command.END, r.msg(), 8000, r.msg()) : q.poll());
            }
        });
        assertEquals(0, run("watch", "-p", String.valueOf(daemon.port()), "--count", "3"));
        assertEquals(
                List.of(
                        "{\"event\":\"message\",\"peer\":\"" + ALICE
                                + "\",\"text\":\"hi \\\"you\\\"\\n\u00e9\",\"time\":\"18:59\"}",
                        "{\"event\":\"message\",\"peer\":\"" + ALICE + "\",\"text\":\"second\",\"time\":\"19:00\"}",
                        "{\"event\":\"message\",\"peer\":\"" + BOB + "\",\"text\":\"bob\",\"time\":\"19:01\"}"),
                out.toString().lines().toList());
        assertEquals(Command.GROUP_READ, daemon.requests.get(0).cmd(), "unread group messages first");
        Message first = daemon.requests.get(1);
        assertEquals(Command.GET_PEERS, first.cmd());
        assertTrue(
                daemon.requests.stream()
                                .filter(r -> r.cmd() == Command.GROUP_READ)
                                .count()
                        == 1,
                "a daemon without groups is asked once");
        assertEquals(25_000, first.extension("wait").orElseThrow().intValue(), "the long poll, not a plain poll");
    }

    private static Message olderDaemonRefusal(Message r) {
        return Message.of(Command.ERR, "localhost", r.portno(), "unknown command " + r.cmd());
    }

    /** Group messages come first in a round, named by group, with the author's nickname when it is a contact. */
    @Test
    void watchPrintsGroupMessagesWithTheirGroup() throws IOException {
        String group = "0123456789abcdef0123456789abcdef";
        Deque<Message> groupUnread = new ArrayDeque<>(List.of(
                Message.of(Command.GROUP_READ, ALICE, 8000, "hi all \ud83d\udc4b")
                        .withExtension("group", NODES.textNode(group))
                        .withExtension("groupname", NODES.textNode("Friends"))
                        .withExtension("seq", NODES.numberNode(1))
                        .withExtension("time", NODES.numberNode(1_700_000_000_000L)),
                Message.of(Command.GROUP_READ, BOB, 8000, "hello")
                        .withExtension("group", NODES.textNode(group))
                        .withExtension("groupname", NODES.textNode("Friends"))
                        .withExtension("seq", NODES.numberNode(7))
                        .withExtension("time", NODES.numberNode(1_700_000_001_000L))));
        daemon = new FakeDaemonServer(r -> {
            synchronized (groupUnread) {
                return switch (r.cmd()) {
                    case GROUP_READ -> {
                        List<Message> frames = new java.util.ArrayList<>(groupUnread);
                        groupUnread.clear();
                        frames.add(Message.of(Command.END, "localhost", 8000, String.valueOf(frames.size())));
                        yield frames;
                    }
                    case CONTACTS ->
                        List.of(contact(ALICE, "Alice", "online"), Message.of(Command.END, "localhost", 80, "1"));
                    default -> List.of(Message.of(Command.GET_PEERS, "localhost", 8000, ""));
                };
            }
        });
        assertEquals(0, run("watch", "-p", String.valueOf(daemon.port()), "--count", "2"));
        assertEquals(
                List.of(
                        "{\"event\":\"group\",\"group\":\"" + group + "\",\"name\":\"Friends\",\"author\":\""
                                + ALICE + "\",\"nickname\":\"Alice\",\"text\":\"hi all \ud83d\udc4b\",\"time\":"
                                + "1700000000000,\"seq\":1}",
                        "{\"event\":\"group\",\"group\":\"" + group + "\",\"name\":\"Friends\",\"author\":\"" + BOB
                                + "\",\"nickname\":null,\"text\":\"hello\",\"time\":1700000001000,\"seq\":7}"),
                out.toString().lines().toList());
    }

    /**
     * The fake daemon's presence token moves on rounds 2 and 4: Alice goes online, then away, then (round 4) Bob
     * comes online while a message from him waits. Contacts are read at start and only when the token moved.
     */
    @Test
    void watchWithPresencePrintsEachChangeOnceAndReadsContactsOnlyWhenThePresenceTokenMoves() throws IOException {
        String[][] presence = {
            {"offline", "offline"},
            {"offline", "offline"},
            {"online", "offline"},
            {"away", "offline"},
            {"away", "online"}
        };
        Deque<Message> bobUnread = new ArrayDeque<>(
                List.of(Message.of(Command.RECV, BOB, 8000, "hi").withDate("19:01")));
        int[] round = {0};
        daemon = new FakeDaemonServer(r -> {
            synchronized (round) {
                int now = Math.min(round[0], presence.length - 1);
                return switch (r.cmd()) {
                    case GROUP_READ -> List.of(olderDaemonRefusal(r));
                    case GET_PEERS -> {
                        round[0]++;
                        now = Math.min(round[0], presence.length - 1);
                        String token = now < 2 ? "p1" : now < 3 ? "p2" : now < 4 ? "p3" : "p4";
                        yield List.of(Message.of(Command.GET_PEERS, "localhost", 8000, now >= 4 ? BOB : "")
                                .withExtension("presence", NODES.textNode(token)));
                    }
                    case CONTACTS ->
                        List.of(
                                contact(ALICE, "Alice", presence[now][0]),
                                contact(BOB, null, presence[now][1]),
                                Message.of(Command.END, "localhost", 80, "2"));
                    default ->
                        List.of(
                                bobUnread.isEmpty()
                                        ? Message.of(Command.END, r.msg(), 8000, r.msg())
                                        : bobUnread.poll());
                };
            }
        });
        assertEquals(0, run("watch", "--presence", "-p", String.valueOf(daemon.port()), "--count", "1"));
        List<String> lines = out.toString().lines().toList();
        assertEquals(4, lines.size(), lines.toString());
        assertTrue(
                lines.get(0)
                        .matches("\\{\"event\":\"presence\",\"peer\":\"" + ALICE
                                + "\",\"nickname\":\"Alice\",\"presence\":\"online\",\"time\":\"\\d\\d:\\d\\d\"}"),
                lines.get(0));
        assertTrue(
                lines.get(1).contains("\"peer\":\"" + ALICE + "\"")
                        && lines.get(1).contains("\"presence\":\"away\""),
                lines.get(1));
        assertTrue(
                lines.get(2).contains("\"peer\":\"" + BOB + "\",\"nickname\":null,\"presence\":\"online\""),
                lines.get(2));
        assertEquals(
                "{\"event\":\"message\",\"peer\":\"" + BOB + "\",\"text\":\"hi\",\"time\":\"19:01\"}", lines.get(3));
        long contactReads = daemon.requests.stream()
                .filter(m -> m.cmd() == Command.CONTACTS)
                .count();
        assertEquals(1 + 4, contactReads, "once at start, then once per token seen: p1, p2, p3, p4");
    }

    private static Message contact(String address, String nickname, String presence) {
        return Message.of(Command.CONTACTS, address, 80, "")
                .withExtension("nickname", nickname == null ? NODES.nullNode() : NODES.textNode(nickname))
                .withExtension("state", NODES.textNode("contact"))
                .withExtension("presence", NODES.textNode(presence));
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
                Message.of(Command.HISTORY, ALICE, 80, "hi")
                        .withDate("2026-11-25 18:59")
                        .withExtension("direction", NODES.textNode("in"))
                        .withExtension("status", NODES.textNode("received"))
                        .withExtension("verified", NODES.booleanNode(false)),
                Message.of(Command.HISTORY, ALICE, 80, "hello")
                        .withDate("2026-11-25 19:00")
                        .withExtension("direction", NODES.textNode("out"))
                        .withExtension("status", NODES.textNode("queued"))
                        .withExtension("error", NODES.textNode("SOCKS5 reply 4: host unreachable")),
                Message.of(Command.END, ALICE, 80, "2")));
        assertEquals(0, run("history", "--json", ALICE, "-p", String.valueOf(daemon.port())));
        assertEquals(
                List.of(
                        "{\"direction\":\"in\",\"status\":\"received\",\"text\":\"hi\",\"time\":\"2026-11-25 18:59\",\"verified\":false}",
                        "{\"direction\":\"out\",\"error\":\"SOCKS5 reply 4: host unreachable\",\"status\":\"queued\","
                                + "\"text\":\"hello\",\"time\":\"2026-11-25 19:00\"}"),
                out.toString().lines().toList());
    }

    @Test
    void historyPlainMarksUnverifiedMessages() throws IOException {
        daemon = new FakeDaemonServer(r -> List.of(
                Message.of(Command.HISTORY, ALICE, 80, "hi")
                        .withDate("2026-11-25 18:59")
                        .withExtension("direction", NODES.textNode("in"))
                        .withExtension("status", NODES.textNode("received"))
                        .withExtension("verified", NODES.booleanNode(false)),
                Message.of(Command.END, ALICE, 80, "1")));
        assertEquals(0, run("history", ALICE, "-p", String.valueOf(daemon.port())));
        assertEquals("[2026-11-25 18:59] < hi (unverified)" + System.lineSeparator(), out.toString());
    }
}
