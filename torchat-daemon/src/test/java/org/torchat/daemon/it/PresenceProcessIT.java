package org.torchat.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchat.daemon.testing.Await;
import org.torchat.daemon.testing.ContactRows;
import org.torchat.daemon.testing.DaemonProcess;
import org.torchat.daemon.testing.TestSocks5Server;
import org.torchat.protocol.Command;

/**
 * Issue 15: presence follows a contact's daemon as a real process. Frozen (SIGSTOP: its connection stays open and
 * says nothing, as when a machine or its network goes away), it is shown offline after three heartbeats; killed
 * (kill -9), as soon as its connection breaks; started again, online without a message being sent.
 */
class PresenceProcessIT {
    private static final int HEARTBEAT_MILLIS = 500;

    @TempDir
    Path tmp;

    private TestSocks5Server socks;
    private DaemonProcess alice;
    private DaemonProcess bob;

    @AfterEach
    void stop() throws Exception {
        for (DaemonProcess d : new DaemonProcess[] {alice, bob}) {
            if (d != null) {
                d.thaw();
                d.close();
            }
        }
        if (socks != null) {
            socks.close();
        }
    }

    @Test
    void aFrozenContactGoesOfflineWithinThreeHeartbeatsAKilledOneAtOnceAndARestartedOneComesBackOnline()
            throws Exception {
        socks = new TestSocks5Server();
        Path conf = Files.writeString(
                tmp.resolve("torchat.conf"),
                "heartbeat: " + HEARTBEAT_MILLIS + "\n" + "connectpace: 0\nretrydelay: 200\n");
        alice = new DaemonProcess(tmp, "alice", socks.address(), conf);
        bob = new DaemonProcess(tmp, "bob", socks.address(), conf);
        alice.start();
        bob.start();
        socks.map(alice.onion(), alice.peerPort());
        socks.map(bob.onion(), bob.peerPort());
        alice.client().changeContact(Command.ADD_CONTACT, bob.onion(), "");
        bob.client().changeContact(Command.ADD_CONTACT, alice.onion(), "");
        Await.until(() -> presence(alice, bob), "online"::equals, Duration.ofSeconds(20));

        bob.freeze();
        long frozen = System.nanoTime();
        Await.until(() -> presence(alice, bob), "offline"::equals, Duration.ofSeconds(10));
        long frozenMillis = (System.nanoTime() - frozen) / 1_000_000;
        assertTrue(
                frozenMillis >= 2 * HEARTBEAT_MILLIS, "not before the heartbeats were missed: " + frozenMillis + " ms");
        bob.thaw();
        Await.until(() -> presence(alice, bob), "online"::equals, Duration.ofSeconds(20));

        bob.kill();
        long killed = System.nanoTime();
        Await.until(() -> presence(alice, bob), "offline"::equals, Duration.ofSeconds(10));
        long killedMillis = (System.nanoTime() - killed) / 1_000_000;

        long restarted = System.nanoTime();
        bob.start();
        Await.until(() -> presence(alice, bob), "online"::equals, Duration.ofSeconds(20));
        long backMillis = (System.nanoTime() - restarted) / 1_000_000;
        assertEquals("online", presence(bob, alice));
        System.out.printf(
                "PresenceProcessIT: heartbeat %d ms; offline after a freeze %d ms, after kill -9 %d ms; "
                        + "online again %d ms after the restart began (JVM start included)%n",
                HEARTBEAT_MILLIS, frozenMillis, killedMillis, backMillis);
    }

    private static String presence(DaemonProcess of, DaemonProcess peer) throws Exception {
        return ContactRows.presence(of.client(), peer.onion());
    }
}
