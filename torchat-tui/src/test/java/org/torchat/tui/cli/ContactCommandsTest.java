package org.torchat.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torchat.tui.Onions.onion;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.torchat.protocol.Command;
import org.torchat.protocol.Message;
import org.torchat.tui.FakeDaemonServer;

/** The contact subcommands: what each sends to the daemon, what it prints, and its exit code on each failure. */
@Timeout(30)
class ContactCommandsTest extends CommandLineHarness {
    private static final String ALICE = onion(1);
    private static final String BOB = onion(2);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static Message contact(Command cmd, String address, String nickname, boolean blocked, long dropped) {
        return Message.of(cmd, address, 80, nickname == null ? "" : nickname)
                .withExtension("nickname", nickname == null ? NODES.nullNode() : NODES.textNode(nickname))
                .withExtension("state", NODES.textNode("contact"))
                .withExtension("unread", NODES.numberNode(2))
                .withExtension("last_seen", NODES.nullNode())
                .withExtension("blocked", NODES.booleanNode(blocked))
                .withExtension("dropped", NODES.numberNode(dropped))
                .withExtension("verified", NODES.booleanNode(true));
    }

    /** Answers every change with the END a daemon sends, and the listings with two entries. */
    private void fakeDaemon() throws IOException {
        daemon = new FakeDaemonServer(r -> switch (r.cmd()) {
            case CONTACTS ->
                List.of(
                        contact(Command.CONTACTS, ALICE, "Alice", false, 0)
                                .withExtension("presence", NODES.textNode("away")),
                        contact(Command.CONTACTS, BOB, null, true, 3),
                        Message.of(Command.END, "localhost", 80, "2"));
            case REQUESTS ->
                List.of(
                        Message.of(Command.REQUESTS, BOB, 80, "hello,\nmay I?")
                                .withExtension("unread", NODES.numberNode(1)),
                        Message.of(Command.END, "localhost", 80, "1"));
            case RENAME -> List.of(Message.of(Command.ERR, ALICE, 80, "the nickname 'Bob' is already taken"));
            default -> List.of(contact(Command.END, r.id(), r.msg().isEmpty() ? null : r.msg(), false, 0));
        });
    }

    @Test
    void contactsPrintsALineEachAndJsonOnRequest() throws IOException {
        fakeDaemon();
        assertEquals(0, run("contacts", "-p", port()));
        assertEquals(
                List.of(
                        ALICE + "  Alice  away  2 unread  online now  verified",
                        BOB + "  -  offline  2 unread  never seen  verified  BLOCKED (3 dropped)"),
                out.toString().lines().toList());
        out.getBuffer().setLength(0);
        assertEquals(0, run("contacts", "--json", "-p", port()));
        String json = out.toString().strip();
        assertTrue(
                json.startsWith("[{\"address\":\"" + ALICE + "\",\"nickname\":\"Alice\",\"state\":\"contact\""), json);
        assertTrue(json.contains("\"nickname\":null") && json.contains("\"dropped\":3"), json);
        assertTrue(json.contains("\"presence\":\"away\"") && json.contains("\"presence\":\"offline\""), json);
    }

    @Test
    void requestsPrintTheFirstMessageOnOneLine() throws IOException {
        fakeDaemon();
        assertEquals(0, run("requests", "-p", port()));
        assertEquals(BOB + "  1 unread  never seen  \"hello, may I?\"" + System.lineSeparator(), out.toString());
    }

    @Test
    void eachChangeSendsItsCommandWithPeerAndNickname() throws IOException {
        fakeDaemon();
        assertEquals(0, run("add", ALICE.toUpperCase(), "Alice Smith", "-p", port()));
        assertEquals(0, run("accept", BOB, "-p", port()));
        assertEquals(0, run("block", "alice smith", "-p", port()));
        assertEquals(0, run("unblock", BOB, "-p", port()));
        assertEquals(0, run("remove", "Alice", "-p", port()));
        assertEquals(
                List.of(
                        List.of("ADD_CONTACT", ALICE, "Alice Smith"),
                        List.of("ACCEPT", BOB, ""),
                        List.of("BLOCK", "alice smith", ""),
                        List.of("UNBLOCK", BOB, ""),
                        List.of("REMOVE_CONTACT", "Alice", "")),
                daemon.requests.stream()
                        .map(m -> List.of(m.cmd().name(), m.id(), m.msg()))
                        .toList());
        assertEquals("", out.toString(), "silent on success");
    }

    @Test
    void nicknamesStandForAddressesInSendReadAndHistory() throws IOException {
        daemon = new FakeDaemonServer(r -> List.of(Message.of(Command.END, r.id(), 80, "0")));
        assertEquals(0, run("send", "Alice", "hi", "-p", port()));
        assertEquals(0, run("history", "Alice", "-p", port()));
        assertEquals(
                List.of("Alice", "Alice"),
                daemon.requests.stream().map(Message::id).toList());
    }

    @Test
    void aRefusalIsExitOneWithTheDaemonsReason() throws IOException {
        fakeDaemon();
        assertEquals(1, run("nick", "Alice", "Bob", "-p", port()));
        assertEquals(
                "torchat: the daemon refused: the nickname 'Bob' is already taken" + System.lineSeparator(),
                err.toString());
    }

    @Test
    void badNicknamesAndAddressesAreExitTwoWithoutAskingTheDaemon() throws IOException {
        fakeDaemon();
        assertEquals(2, run("add", ALICE, "x".repeat(31), "-p", port()));
        assertTrue(
                err.toString().contains("bad nickname: a nickname has at most 30 characters, this has 31"),
                err.toString());
        assertEquals(2, run("add", "alice", "-p", port()));
        assertTrue(err.toString().contains("'alice' is not an onion address"), err.toString());
        assertEquals(2, run("nick", ALICE, "evil.onion", "-p", port()));
        assertTrue(err.toString().contains("looks like an address"), err.toString());
        assertEquals(2, run("block", "tab\there", "-p", port()));
        assertTrue(err.toString().contains("is neither an onion address nor a nickname"), err.toString());
        assertEquals(2, run("block", "-p", port()));
        assertEquals(List.of(), daemon.requests);
    }
}
