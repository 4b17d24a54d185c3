package org.torchat.tui.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torchat.tui.Onions.onion;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.torchat.protocol.Command;
import org.torchat.protocol.Message;
import org.torchat.protocol.client.DaemonClient;
import org.torchat.tui.ClientFailureException;
import org.torchat.tui.DaemonRefusedException;
import org.torchat.tui.FakeDaemonServer;

@Timeout(30)
class DaemonConnectionTest {
    private static final String ALICE = onion(1);
    private static final Clock NOON = Clock.fixed(Instant.parse("2024-01-01T12:34:00Z"), ZoneOffset.UTC);

    private static DaemonConnection connect(FakeDaemonServer server) {
        DaemonClient client =
                new DaemonClient("127.0.0.1", server.port(), Duration.ofSeconds(5), Duration.ofSeconds(5));
        return new DaemonConnection(client, client, "127.0.0.1", server.port(), NOON);
    }

    @Test
    void aMessageWithoutADateGetsTheTimeItWasRead() throws Exception {
        try (FakeDaemonServer server = new FakeDaemonServer(r -> List.of(Message.of(Command.RECV, ALICE, 80, "hi")))) {
            assertEquals(
                    Optional.of(new IncomingMessage(ALICE, "12:34", "hi")),
                    connect(server).popUnread(ALICE));
        }
    }

    @Test
    void peersAreSplitAndBlanksDropped() throws Exception {
        try (FakeDaemonServer server =
                new FakeDaemonServer(r -> List.of(Message.of(Command.GET_PEERS, "localhost", 80, ALICE + ",")))) {
            assertEquals(List.of(ALICE), connect(server).peersWithUnread());
        }
    }

    @Test
    void errBecomesARefusalWithTheDaemonsReason() throws IOException {
        try (FakeDaemonServer server = new FakeDaemonServer(r -> List.of(Message.of(Command.ERR, "x", 80, "no")))) {
            DaemonRefusedException e = assertThrows(
                    DaemonRefusedException.class, () -> connect(server).stop());
            assertEquals("no", e.reason());
            assertEquals("the daemon refused: no", e.getMessage());
        }
    }

    @Test
    void aReplyThatIsNotTheProtocolIsAFailure() throws IOException {
        try (ServerSocket raw = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = raw.accept()) {
                    s.getInputStream().read(new byte[100]);
                    s.getOutputStream().write("0007garbage".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // the test is over
                }
            });
            t.setDaemon(true);
            t.start();
            DaemonClient client = new DaemonClient("127.0.0.1", raw.getLocalPort());
            DaemonConnection c = new DaemonConnection(client, client, "127.0.0.1", raw.getLocalPort(), NOON);
            ClientFailureException e = assertThrows(ClientFailureException.class, c::host);
            assertTrue(
                    e.getMessage()
                            .startsWith("the daemon at 127.0.0.1:" + raw.getLocalPort() + " sent an invalid reply: "),
                    e.getMessage());
        }
    }
}
