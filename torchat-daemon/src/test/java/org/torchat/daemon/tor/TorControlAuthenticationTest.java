package org.torchat.daemon.tor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.torchat.daemon.StartupException;
import org.torchat.daemon.testing.TestDaemon;

/**
 * A control port that cannot prove it is tor gets nothing secret: not the cookie, not the password, and above all
 * not our identity key (ADD_ONION). Every case runs against {@link FakeControlPort}, which records every line it
 * received, so "nothing was sent" is checked on what arrived.
 */
class TorControlAuthenticationTest extends FakeTorTest {
    /** Connects and, if that works, publishes: what the daemon does at start. */
    private void connectAndPublish(TorAuthentication auth) throws TorException {
        tor = ExternalTor.connect(ExternalTor.Options.of("127.0.0.1", fake.port(), auth)
                .withReconnectDelays(Duration.ofMillis(50), Duration.ofMillis(200)));
        tor.publish(identity, 8001);
    }

    @Test
    void aPortAskingForNoAuthenticationIsRefusedAndGetsNothing() {
        fake.methods = "NULL";
        for (TorAuthentication auth : List.of(TorAuthentication.auto(), TorAuthentication.cookie(fake.cookieFile()))) {
            TorException e = assertThrows(TorException.class, () -> connectAndPublish(auth));
            assertTrue(e.getMessage().contains("asks for no authentication (METHODS=NULL)"), e.getMessage());
            assertTrue(e.getMessage().contains("will not hand it our onion identity key"), e.getMessage());
        }
        assertEquals(List.of("PROTOCOLINFO 1", "PROTOCOLINFO 1"), fake.commands());
        assertNothingSecretArrived();
    }

    /** The same through the whole daemon: it does not start (exit code 1, as every start-up error) and sent nothing. */
    @Test
    void theDaemonRefusesToStartOnAPortAskingForNoAuthentication() throws Exception {
        fake.methods = "NULL";
        StartupException e = assertThrows(
                StartupException.class,
                () -> TestDaemon.start(
                        TestDaemon.newDataDir(tmp, "daemon"),
                        "127.0.0.1:9",
                        "tor: external",
                        "torcontrol: 127.0.0.1:" + fake.port()));
        assertEquals(1, e.exitCode());
        assertTrue(
                e.getMessage().contains("the control port 127.0.0.1:" + fake.port() + " asks for no authentication"),
                e.getMessage());
        assertEquals(List.of("PROTOCOLINFO 1"), fake.commands(), "nothing after PROTOCOLINFO, so no key");
    }

    @Test
    void aPortThatDoesNotKnowTheCookieItNamesIsDetectedBeforeWeAnswer() {
        fake.knowsCookie = false;
        for (TorAuthentication auth : List.of(TorAuthentication.auto(), TorAuthentication.cookie(fake.cookieFile()))) {
            TorException e = assertThrows(TorException.class, () -> connectAndPublish(auth));
            assertTrue(
                    e.getMessage()
                            .contains("could not prove that it knows the cookie in " + fake.cookieFile()
                                    + " (its SAFECOOKIE server hash is wrong)"),
                    e.getMessage());
        }
        assertEquals(2, fake.count("AUTHCHALLENGE SAFECOOKIE "));
        assertEquals(0, fake.count("AUTHENTICATE"), "our client hash goes only to a port that proved itself");
        assertNothingSecretArrived();
    }

    @Test
    void aPortOfferingOnlyThePlainCookieIsRefusedBecauseItWouldLearnTheCookie() {
        fake.methods = "COOKIE";
        TorException e =
                assertThrows(TorException.class, () -> connectAndPublish(TorAuthentication.cookie(fake.cookieFile())));
        assertTrue(e.getMessage().contains("offers no SAFECOOKIE authentication (METHODS=COOKIE)"), e.getMessage());
        assertEquals(List.of("PROTOCOLINFO 1"), fake.commands());
        assertNothingSecretArrived();
    }

    @Test
    void aPortThatDoesNotAskForAPasswordDoesNotGetOne() {
        TorException e =
                assertThrows(TorException.class, () -> connectAndPublish(TorAuthentication.password("secret")));
        assertTrue(e.getMessage().contains("does not ask for a password"), e.getMessage());
        assertEquals(List.of("PROTOCOLINFO 1"), fake.commands());
        assertNothingSecretArrived();
    }

    @Test
    void aPasswordTheUserChoseIsStillAccepted() throws Exception {
        fake.methods = "HASHEDPASSWORD";
        connectAndPublish(TorAuthentication.password("secret"));
        assertEquals(1, fake.count("ADD_ONION"));
        TorException e = assertThrows(
                TorException.class,
                () -> ExternalTor.connect(
                        ExternalTor.Options.of("127.0.0.1", fake.port(), TorAuthentication.password("wrong"))));
        assertTrue(e.getMessage().contains("refused our authentication (password)"), e.getMessage());
    }

    @Test
    void aRealSafeCookieHandshakePublishesAndNeverSendsTheCookie() throws Exception {
        connectAndPublish(TorAuthentication.cookie(fake.cookieFile()));
        assertEquals(1, fake.count("ADD_ONION"));
        String cookieHex = HexFormat.of().formatHex(fake.cookie());
        assertFalse(fake.commands().stream()
                .anyMatch(c -> c.toLowerCase(Locale.ROOT).contains(cookieHex)));
    }

    /** The hashes against a vector computed independently (Python's hmac module). */
    @Test
    void safeCookieHashesMatchAnIndependentComputation() {
        byte[] cookie = new byte[32];
        byte[] clientNonce = new byte[32];
        byte[] serverNonce = new byte[32];
        for (int i = 0; i < 32; i++) {
            cookie[i] = (byte) i;
            clientNonce[i] = (byte) 0xAA;
            serverNonce[i] = (byte) (100 + i);
        }
        HexFormat hex = HexFormat.of();
        byte[] server = hex.parseHex("184c09b8d2eb4b7e0242331e61c03c763446a26e4cf4fcdc3681cc7cc2d0b498");
        assertArrayEquals(server, SafeCookie.serverHash(cookie, clientNonce, serverNonce));
        assertArrayEquals(
                hex.parseHex("c2ee93ccd05c05f319779a4e545ab33d3f4aa1b265178597249c6ff18501b5ea"),
                SafeCookie.clientHash(cookie, clientNonce, serverNonce));
        assertTrue(SafeCookie.serverProved(server, cookie, clientNonce, serverNonce));
        server[31] ^= 1;
        assertFalse(SafeCookie.serverProved(server, cookie, clientNonce, serverNonce));
    }

    private void assertNothingSecretArrived() {
        String key = AddOnion.keyArgument(identity).substring(AddOnion.KEY_TYPE.length() + 1);
        String keyHex = HexFormat.of().formatHex(Base64.getDecoder().decode(key));
        String cookieHex = HexFormat.of().formatHex(fake.cookie());
        for (String line : fake.commands()) {
            String lower = line.toLowerCase(Locale.ROOT);
            assertFalse(line.startsWith("ADD_ONION"), line);
            assertFalse(line.contains(key) || lower.contains(keyHex), "our key arrived: " + line);
            assertFalse(lower.contains(cookieHex), "the cookie arrived: " + line);
            assertFalse(line.startsWith("AUTHENTICATE"), line);
        }
    }
}
