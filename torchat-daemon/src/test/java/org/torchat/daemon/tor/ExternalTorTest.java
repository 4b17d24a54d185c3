package org.torchat.daemon.tor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.torchat.protocol.identity.Ed25519Identity;

/** Our side of the control protocol, against {@link FakeControlPort}: auth, events, ADD_ONION, reconnects. */
class ExternalTorTest extends FakeTorTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private ExternalTor connect(TorAuthentication auth) throws TorException {
        tor = ExternalTor.connect(ExternalTor.Options.of("127.0.0.1", fake.port(), auth)
                .withReconnectDelays(Duration.ofMillis(50), Duration.ofMillis(200)));
        return tor;
    }

    @Test
    void authenticatesWithTheCookieSubscribesAndReadsTheSocksPort() throws Exception {
        connect(TorAuthentication.cookie(fake.cookieFile()));
        assertEquals(new InetSocketAddress("127.0.0.1", 9050), tor.socksAddress());
        assertTrue(tor.status().bootstrapped());
        List<String> commands = fake.commands();
        assertEquals("PROTOCOLINFO 1", commands.get(0));
        assertTrue(commands.get(1).matches("AUTHCHALLENGE SAFECOOKIE [0-9a-f]{64}"), commands.get(1));
        assertTrue(commands.get(2).matches("AUTHENTICATE [0-9a-f]{64}"), commands.get(2));
        String cookieHex = HexFormat.of().formatHex(fake.cookie());
        assertTrue(
                commands.stream().noneMatch(c -> c.toLowerCase().contains(cookieHex)),
                "SAFECOOKIE never sends the cookie");
        assertTrue(commands.contains("SETEVENTS STATUS_CLIENT HS_DESC"), commands.toString());
        assertEquals(0, fake.count("TAKEOWNERSHIP"), "a tor the user runs is not ours to stop");
    }

    @Test
    void autoAuthenticationUsesTheCookieFileTorNames() throws Exception {
        connect(TorAuthentication.auto());
        assertTrue(tor.status().bootstrapped());
    }

    @Test
    void publishSendsAddOnionWithOurKeyAndIsPublishedOnlyAfterUploaded() throws Exception {
        connect(TorAuthentication.cookie(fake.cookieFile()));
        fake.uploadDelayMillis = 300;
        assertEquals(identity.onionAddress(), tor.publish(identity, 8001));
        assertFalse(tor.status().published(), "not before HS_DESC UPLOADED");
        assertEquals(identity.onionAddress().serviceId(), tor.status().onion());
        TorStatus published = tor.awaitPublished(WAIT);
        assertTrue(published.published());
        assertTrue(
                fake.commands()
                        .contains(AddOnion.command(
                                identity, 80, 8001, org.torchat.daemon.config.OnionDefences.DEFAULTS, true)),
                fake.commands().toString());
        assertEquals(identity.onionAddress(), tor.publish(identity, 8001), "publishing again is a no-op");
        assertEquals(1, fake.count("ADD_ONION"));
    }

    @Test
    void anotherServiceIdThanOursFailsLoudlyAndIsRemoved() throws Exception {
        connect(TorAuthentication.cookie(fake.cookieFile()));
        String other = Ed25519Identity.generate().onionAddress().serviceId();
        fake.serviceId = other;
        TorException e = assertThrows(TorException.class, () -> tor.publish(identity, 8001));
        assertTrue(
                e.getMessage()
                        .contains("tor published " + other + ".onion but our identity key gives "
                                + identity.onionAddress()),
                e.getMessage());
        assertEquals(1, fake.count("DEL_ONION " + other));
        assertEquals(null, tor.status().onion());
    }

    @Test
    void aRefusedAddOnionSaysWhatTorSaid() throws Exception {
        connect(TorAuthentication.cookie(fake.cookieFile()));
        fake.addOnionRefusal = "550 Onion address collision";
        TorException e = assertThrows(TorException.class, () -> tor.publish(identity, 8001));
        assertTrue(
                e.getMessage().startsWith("tor refused to publish our onion service " + identity.onionAddress()),
                e.getMessage());
        assertTrue(
                e.getMessage().contains("Onion address collision; this tor already serves our address"),
                e.getMessage());
        assertFalse(e.getMessage().contains(AddOnion.keyArgument(identity).substring(12, 30)), "no key in messages");
    }

    @Test
    void aWrongCookieIsRefusedWithAdvice() throws Exception {
        Path wrong = tmp.resolve("other_cookie");
        Files.write(wrong, new byte[32]);
        TorException e = assertThrows(TorException.class, () -> connect(TorAuthentication.cookie(wrong)));
        assertTrue(e.getMessage().contains("could not prove that it knows the cookie in " + wrong), e.getMessage());
        assertTrue(
                e.getMessage().contains("either that file is not the cookie of the tor on this port"), e.getMessage());
        assertEquals(0, fake.count("AUTHENTICATE"), "no answer to a challenge that did not match");
    }

    @Test
    void aMissingCookieFileIsNamed() {
        Path missing = tmp.resolve("nope");
        TorException e = assertThrows(TorException.class, () -> connect(TorAuthentication.cookie(missing)));
        assertTrue(e.getMessage().contains(missing + " does not exist"), e.getMessage());
    }

    @Test
    void aPasswordOnlyTorAsksForThePassword() {
        fake.methods = "HASHEDPASSWORD";
        TorException e = assertThrows(TorException.class, () -> connect(TorAuthentication.auto()));
        assertTrue(e.getMessage().contains("wants a password"), e.getMessage());
    }

    @Test
    void aTorWithoutSocksPortIsReported() {
        fake.socksListeners = "";
        TorException e = assertThrows(TorException.class, () -> connect(TorAuthentication.auto()));
        assertTrue(e.getMessage().contains("has no SOCKS port"), e.getMessage());
    }

    @Test
    void nothingListeningIsOneClearLine() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        TorException e = assertThrows(
                TorException.class,
                () -> ExternalTor.connect(ExternalTor.Options.of("127.0.0.1", port, TorAuthentication.auto())));
        assertTrue(e.getMessage().startsWith("cannot connect to tor's control port 127.0.0.1:" + port), e.getMessage());
    }

    @Test
    void aStuckBootstrapIsReportedWithTorsPhaseThenProgressIsFollowed() throws Exception {
        fake.bootstrap = "NOTICE BOOTSTRAP PROGRESS=10 TAG=conn_done SUMMARY=\"Connected to a relay\"";
        connect(TorAuthentication.auto());
        List<TorStatus> seen = new CopyOnWriteArrayList<>();
        tor.addStatusListener(seen::add);
        assertEquals(TorStatus.State.BOOTSTRAPPING, tor.status().state());
        TorException e = assertThrows(TorException.class, () -> tor.awaitBootstrapped(Duration.ofMillis(200)));
        assertTrue(e.getMessage().contains("stuck at 10% (conn_done: Connected to a relay)"), e.getMessage());
        fake.event(
                "STATUS_CLIENT NOTICE BOOTSTRAP PROGRESS=50 TAG=loading_descriptors SUMMARY=\"Loading relay descriptors\"");
        fake.event("STATUS_CLIENT NOTICE BOOTSTRAP PROGRESS=100 TAG=done SUMMARY=\"Done\"");
        assertEquals(100, tor.awaitBootstrapped(WAIT).progress());
        assertTrue(seen.stream().anyMatch(s -> s.progress() == 50), seen.toString());
    }

    @Test
    void afterTheConnectionIsLostItReconnectsAndPublishesAgain() throws Exception {
        connect(TorAuthentication.auto());
        tor.publish(identity, 8001);
        tor.awaitPublished(WAIT);
        fake.dropConnections();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (fake.count("ADD_ONION") < 2) {
            assertTrue(
                    System.nanoTime() < deadline,
                    "no second ADD_ONION: " + tor.status().describe());
            Thread.sleep(20);
        }
        assertTrue(tor.awaitPublished(WAIT).published());
        assertEquals(2, fake.count("PROTOCOLINFO"));
    }

    @Test
    void closeEndsTheStatusAndWakesWaiters() throws Exception {
        fake.bootstrap = "NOTICE BOOTSTRAP PROGRESS=10 TAG=conn_done SUMMARY=\"Connected to a relay\"";
        connect(TorAuthentication.auto());
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            tor.close();
        });
        closer.start();
        TorException e = assertThrows(TorException.class, () -> tor.awaitBootstrapped(WAIT));
        assertTrue(e.getMessage().contains("was stopped"), e.getMessage());
        assertEquals(TorStatus.State.CLOSED, tor.status().state());
        closer.join();
    }
}
