package org.torchat.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.torchat.daemon.testing.TestDaemon;
import org.torchat.daemon.testing.TestSocks5Server;
import org.torchat.daemon.testing.Wire;
import org.torchat.protocol.identity.Ed25519Identity;

/** The peer port, which the onion service forwards to, must never reach client commands. */
class PeerPortIT {
    @TempDir
    Path tmp;

    private TestSocks5Server socks;
    private TestDaemon daemon;
    private String stranger;

    @BeforeEach
    void start() throws Exception {
        socks = new TestSocks5Server();
        // strangers allowed: the unread message below is listed by GET_PEERS as the original daemon would
        daemon = TestDaemon.start(tmp, socks.address(), "strangers: allow");
        stranger = Ed25519Identity.generate().onionAddress().hostname();
        // One unread message from a peer, so that a refused UPDATE would be visible if it popped it.
        String recv = Wire.exchange(
                daemon.peerPort(),
                Wire.frame("{\"cmd\":\"RECV\",\"id\":\"" + stranger + "\",\"msg\":\"keep me\",\"portno\":80}"));
        assertTrue(recv.contains("\"cmd\":\"END\""), recv);
    }

    @AfterEach
    void stop() throws Exception {
        daemon.close();
        socks.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "HOST",
                "GET_PEERS",
                "UPDATE",
                "SEND",
                "EXIT",
                "HISTORY",
                "FILEUP",
                "TRANSFERS",
                "FILEACCEPT",
                "FILEREJECT",
                "PING",
                "GROUP_CREATE",
                "GROUPS",
                "GROUP_MEMBERS"
            })
    void clientCommandsAreRefusedAndChangeNothing(String cmd) throws Exception {
        String msg = cmd.equals("UPDATE") ? stranger : "x";
        String id = cmd.equals("SEND") ? stranger : "localhost";
        String reply = Wire.exchange(
                daemon.peerPort(),
                Wire.frame("{\"cmd\":\"" + cmd + "\",\"id\":\"" + id + "\",\"msg\":\"" + msg + "\",\"portno\":80}"));

        assertTrue(reply.contains("\"cmd\":\"ERR\""), reply);
        assertTrue(reply.contains(cmd + " is a client command and is not accepted on the peer port"), reply);
        assertEquals(daemon.address().hostname(), daemon.client().host(), "the daemon still serves clients");
        assertEquals(List.of(), daemon.client().groups(), "no group was made from the peer port");
        assertEquals(List.of(), socks.requests(), "nothing was sent anywhere");
        assertEquals(List.of(stranger), daemon.client().peersWithUnread(), "the unread message is still there");
        assertEquals("keep me", daemon.client().update(stranger).orElseThrow().msg());
    }

    @Test
    void aRecvOnTheControlPortIsRefused() throws Exception {
        String other = Ed25519Identity.generate().onionAddress().hostname();
        String reply = Wire.exchange(
                daemon.controlPort(),
                Wire.frame("{\"cmd\":\"RECV\",\"id\":\"" + other + "\",\"msg\":\"sneaky\",\"portno\":80}"));
        assertTrue(reply.contains("RECV is for peers and is only accepted on the peer port"), reply);
        assertEquals(List.of(stranger), daemon.client().peersWithUnread());
    }
}
