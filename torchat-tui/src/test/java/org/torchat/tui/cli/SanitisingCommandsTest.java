package org.torchat.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.torchat.tui.Onions.onion;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.tui.FakeDaemonServer;

/**
 * Issue 13 item 6: every scripting command that prints what a peer wrote neutralises control and escape
 * characters. A peer's {@code ESC[8m} would hide what follows (" (unverified)"), OSC 52 would write the clipboard,
 * a line break would forge a line of our own.
 */
@Timeout(30)
class SanitisingCommandsTest extends CommandLineHarness {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ALICE = onion(1);
    private static final String HIDE = "\u001b[8m";
    private static final String CLIPBOARD = "\u001b]52;c;ZXZpbA==\u0007";
    private static final String HOSTILE = "hi" + HIDE + CLIPBOARD + "\u202e\u200b\u200e\u061c\u009b";

    @Test
    void historyNeutralisesEscapesAndIndentsLineBreaks() throws IOException {
        daemon = new FakeDaemonServer(r -> List.of(
                Message.of(Command.HISTORY, ALICE, 80, HOSTILE + "\n[2026-11-25 19:00] > forged")
                        .withDate("2026-11-25 18:59")
                        .withExtension("direction", NODES.textNode("in"))
                        .withExtension("status", NODES.textNode("received"))
                        .withExtension("verified", NODES.booleanNode(false)),
                Message.of(Command.END, ALICE, 80, "1")));
        assertEquals(0, run("history", ALICE, "-p", port()));
        assertEquals(
                List.of(
                        "[2026-11-25 18:59] < hi?[8m?]52;c;ZXZpbA==??????",
                        "        [2026-11-25 19:00] > forged (unverified)"),
                out.toString().lines().toList());
    }

    @Test
    void readNeutralisesEscapes() throws IOException {
        Deque<Message> unread = new ArrayDeque<>(
                List.of(Message.of(Command.RECV, ALICE, 80, HOSTILE).withDate("18:59")));
        daemon = new FakeDaemonServer(
                r -> List.of(unread.isEmpty() ? Message.of(Command.END, ALICE, 80, ALICE) : unread.poll()));
        assertEquals(0, run("read", ALICE, "-p", port()));
        assertEquals(
                List.of("[18:59] hi?[8m?]52;c;ZXZpbA==??????"),
                out.toString().lines().toList());
    }

    @Test
    void requestsNeutraliseTheFirstMessage() throws IOException {
        daemon = new FakeDaemonServer(r -> List.of(
                Message.of(Command.REQUESTS, ALICE, 80, HOSTILE + "\nx").withExtension("unread", NODES.numberNode(1)),
                Message.of(Command.END, "localhost", 80, "1")));
        assertEquals(0, run("requests", "-p", port()));
        String printed = out.toString();
        assertEquals(1, printed.lines().count());
        assertFalse(printed.contains("\u001b"), printed);
        assertFalse(printed.contains("\u202e"), printed);
    }

    @Test
    void contactsNeutraliseWhatTheyShow() throws IOException {
        // Nicknames are ours and checked, but the listing goes through the filter all the same.
        daemon = new FakeDaemonServer(r -> List.of(
                Message.of(Command.CONTACTS, ALICE, 80, "")
                        .withExtension("nickname", NODES.textNode("A" + HIDE))
                        .withExtension("state", NODES.textNode("contact"))
                        .withExtension("unread", NODES.numberNode(0))
                        .withExtension("last_seen", NODES.nullNode())
                        .withExtension("blocked", NODES.booleanNode(false))
                        .withExtension("dropped", NODES.numberNode(0))
                        .withExtension("verified", NODES.booleanNode(true)),
                Message.of(Command.END, "localhost", 80, "1")));
        assertEquals(0, run("contacts", "-p", port()));
        assertEquals(
                List.of(ALICE + "  A?[8m  offline  0 unread  never seen  verified"),
                out.toString().lines().toList());
    }

    @Test
    void transfersNeutraliseFileNamesAndErrors() throws IOException {
        daemon = new FakeDaemonServer(r -> List.of(
                Message.of(Command.TRANSFERS, ALICE, 80, "a" + CLIPBOARD + ".jpg")
                        .withExtension(Extensions.TRANSFER_ID, NODES.textNode("3f2a9c1b00000000"))
                        .withExtension(Extensions.DIRECTION, NODES.textNode("in"))
                        .withExtension(Extensions.STATE, NODES.textNode("failed"))
                        .withExtension(Extensions.SIZE, NODES.numberNode(10))
                        .withExtension(Extensions.OFFSET, NODES.numberNode(0))
                        .withExtension(Extensions.ERROR, NODES.textNode("peer says" + HIDE + "\nno")),
                Message.of(Command.END, "localhost", 80, "1")));
        assertEquals(0, run("transfers", "-p", port()));
        String printed = out.toString();
        assertEquals(1, printed.lines().count(), printed);
        assertFalse(printed.contains("\u001b") || printed.contains("\u0007"), printed);
    }

    @Test
    void errTextsRelayedFromPeersAreNeutralised() throws IOException {
        daemon = new FakeDaemonServer(
                r -> List.of(Message.of(Command.ERR, ALICE, 80, "peer said " + HIDE + "\nforged")));
        assertEquals(1, run("send", "-p", port(), ALICE, "hello"));
        assertEquals("torchat: the daemon refused: peer said ?[8m forged" + System.lineSeparator(), err.toString());
    }
}
