package org.torchat.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torchat.daemon.testing.TorchatCli.torchat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.torchat.daemon.testing.TestDaemon;
import org.torchat.daemon.testing.TestSocks5Server;
import org.torchat.daemon.testing.TorchatCli.Run;
import org.torchat.daemon.testing.Wire;
import org.torchat.protocol.Command;
import org.torchat.protocol.Message;
import org.torchat.protocol.MessageCodec;
import org.torchat.protocol.client.DaemonClient;
import org.torchat.protocol.client.DaemonErrorException;

/** The control token with real daemons: control.cookie, the 'auth' field, requiretoken, a non-loopback listener. */
@Timeout(60)
class ControlTokenIT {
    private static final String MISSING =
            "authentication required: send the control token from DATA_DIR/control.cookie in the 'auth' field";

    @TempDir
    Path tmp;

    private TestSocks5Server socks;
    private TestDaemon daemon;

    @BeforeEach
    void socks() throws Exception {
        socks = new TestSocks5Server();
    }

    @AfterEach
    void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        socks.close();
    }

    private TestDaemon start(String... conf) throws Exception {
        daemon = TestDaemon.start(TestDaemon.newDataDir(tmp, "d"), socks.address(), conf);
        return daemon;
    }

    private String token() throws Exception {
        return Files.readString(tmp.resolve("d/control.cookie")).strip();
    }

    private static String request(String cmd, String auth) {
        return "{\"cmd\":\"" + cmd + "\",\"id\":\"localhost\",\"msg\":\"\",\"portno\":8000"
                + (auth == null ? "" : ",\"auth\":\"" + auth + "\"") + "}";
    }

    /** The one reply frame to a raw request, decoded. */
    private Message ask(String json) throws Exception {
        String reply = Wire.exchange(daemon.controlPort(), Wire.frame(json));
        assertTrue(reply.length() > 4, "no reply: '" + reply + "'");
        assertEquals(reply.length() - 4, Integer.parseInt(reply.substring(0, 4)), "exactly one frame: " + reply);
        return MessageCodec.decode(reply.substring(4));
    }

    /** Completes when the daemon has been asked to shut down (EXIT). */
    private CompletableFuture<Void> shutdownRequested() {
        return CompletableFuture.runAsync(() -> {
            try {
                daemon.daemon().awaitShutdownRequest();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Test
    void theCookieIsCreated0600OnEveryDaemonAndKeptAcrossRestarts() throws Exception {
        start();
        Path cookie = tmp.resolve("d/control.cookie");
        assertEquals(
                "rw-------",
                java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(cookie)));
        String first = token();
        assertTrue(first.matches("[0-9a-f]{64}"), "32 random bytes in hex");
        daemon.close();
        daemon = null;
        start("requiretoken: true");
        assertEquals(first, token(), "a restart keeps the token, so clients keep working");
    }

    @Test
    void onLoopbackWithoutRequiretokenTheOriginalClientNeedsNoToken() throws Exception {
        start();
        Message reply = ask(request("HOST", null));
        assertEquals(Command.HOST, reply.cmd());
        assertEquals(daemon.address().hostname(), reply.msg());
    }

    @Test
    void withRequiretokenHostNeedsTheToken() throws Exception {
        start("requiretoken: true");

        Message refused = ask(request("HOST", null));
        assertEquals(Command.ERR, refused.cmd());
        assertEquals(MISSING, refused.msg());
        assertFalse(refused.toString().contains(daemon.address().hostname()), "no onion address before authentication");

        Message answered = ask(request("HOST", token()));
        assertEquals(Command.HOST, answered.cmd());
        assertEquals(daemon.address().hostname(), answered.msg());
    }

    @Test
    void aWrongTokenGetsErr() throws Exception {
        start("requiretoken: true");
        String wrong = token().substring(0, 63) + (token().endsWith("0") ? "1" : "0");

        Message refused = ask(request("GET_PEERS", wrong));

        assertEquals(Command.ERR, refused.cmd());
        assertEquals("wrong control token", refused.msg());
    }

    @Test
    void exitWithAWrongTokenDoesNotStopTheDaemonAndWithTheRightOneItDoes() throws Exception {
        start("requiretoken: true");
        CompletableFuture<Void> stopping = shutdownRequested();

        assertEquals("wrong control token", ask(request("EXIT", "0".repeat(64))).msg());
        assertEquals(MISSING, ask(request("EXIT", null)).msg());
        Thread.sleep(300);
        assertFalse(stopping.isDone(), "EXIT without the right token asked the daemon to shut down");
        assertEquals(Command.HOST, ask(request("HOST", token())).cmd(), "still serving");

        assertEquals(Command.END, ask(request("EXIT", token())).cmd());
        stopping.get(5, TimeUnit.SECONDS);
    }

    @Test
    void theClientLibrarySendsTheTokenInEveryRequest() throws Exception {
        start("requiretoken: true");
        DaemonClient plain = new DaemonClient("127.0.0.1", daemon.controlPort());
        DaemonErrorException e = assertThrows(DaemonErrorException.class, plain::host);
        assertTrue(DaemonClient.isAuthenticationError(e.reply()), e.getMessage());

        DaemonClient client = plain.withToken(token());
        assertEquals(daemon.address().hostname(), client.host());
        assertEquals(List.of(), client.peersWithUnread());
        assertEquals(0, client.history(daemon.address().hostname(), 5).size());
    }

    @Test
    void aDaemonBoundBeyondLoopbackAlwaysRequiresTheToken() throws Exception {
        Optional<InetAddress> address = nonLoopbackAddress();
        if (address.isEmpty()) {
            System.out.println("ControlTokenIT: SKIPPED aDaemonBoundBeyondLoopbackAlwaysRequiresTheToken: "
                    + "this machine has no non-loopback IPv4 address to bind to");
            Assumptions.abort("this machine has no non-loopback IPv4 address to bind to");
        }
        String ip = address.get().getHostAddress();
        start("interface: " + ip); // no requiretoken: beyond loopback, the token is required anyway
        DaemonClient plain = new DaemonClient(ip, daemon.controlPort(), Duration.ofSeconds(5), Duration.ofSeconds(15));

        DaemonErrorException e = assertThrows(DaemonErrorException.class, plain::host);
        assertEquals(MISSING, e.getMessage());
        assertEquals("localhost", e.reply().id(), "no onion address before authentication");
        DaemonErrorException wrong = assertThrows(DaemonErrorException.class, plain.withToken("f".repeat(64))::host);
        assertEquals("wrong control token", wrong.getMessage());

        assertEquals(daemon.address().hostname(), plain.withToken(token()).host());
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void theScriptingCommandsUseTheTokenFileAndSayClearlyWhenItIsMissing() throws Exception {
        start("requiretoken: true");
        String port = String.valueOf(daemon.controlPort());
        Path cookie = tmp.resolve("d/control.cookie");
        Path elsewhere = Files.createDirectories(tmp.resolve("no-daemon-here"));
        Path copy = Files.writeString(tmp.resolve("copied.cookie"), Files.readString(cookie));

        Run ok = torchat("host", "--token-file", copy.toString(), "-p", port, "--data-dir", elsewhere.toString());
        assertEquals(0, ok.code(), ok.err());
        assertEquals(daemon.address().hostname(), ok.out().strip());

        Run missing = torchat("host", "-p", port, "--data-dir", elsewhere.toString());
        assertEquals(4, missing.code(), missing.err());
        assertEquals("", missing.out());
        assertEquals(1, missing.err().lines().count(), "one line: " + missing.err());
        assertTrue(
                missing.err().startsWith("torchat: the daemon at localhost:" + port + " requires its control token"),
                missing.err());
        assertTrue(missing.err().contains("--token-file"), missing.err());

        Path wrongFile = Files.writeString(tmp.resolve("wrong.cookie"), "0".repeat(64) + "\n");
        Run wrong = torchat("host", "--token-file", wrongFile.toString(), "-p", port);
        assertEquals(4, wrong.code(), wrong.err());
        assertTrue(wrong.err().contains("refused the control token from " + wrongFile), wrong.err());
        assertFalse(wrong.err().contains("0".repeat(64)) || missing.err().contains(token()), "never prints a token");

        // On the daemon's machine the cookie is found in the data directory, without --token-file.
        Run found = torchat("host", "-p", port, "--data-dir", tmp.resolve("d").toString());
        assertEquals(0, found.code(), found.err());
        assertEquals(daemon.address().hostname(), found.out().strip());
    }
}
