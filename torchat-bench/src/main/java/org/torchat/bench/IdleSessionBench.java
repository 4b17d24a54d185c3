package org.torchat.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.torchat.daemon.testing.TestDaemon;
import org.torchat.daemon.testing.TestSocks5Server;
import org.torchat.protocol.Command;

/**
 * What presence costs while nothing is said (issue 15): two daemons on loopback, each other's contacts, with a
 * session open between them, left idle for a while; the SOCKS relay standing in for Tor counts the bytes and the
 * relay cells they would have taken. Arguments: seconds to stay idle (default 300), heartbeat in ms (default the
 * daemon's, 30000).
 */
public final class IdleSessionBench {
    /** A relay cell on a link between Tor nodes, TLS framing aside. */
    private static final int CELL_BYTES = 514;

    private IdleSessionBench() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int heartbeat = args.length > 1 ? Integer.parseInt(args[1]) : 30_000;
        Path tmp = Files.createTempDirectory("torchat-idle");
        try (TestSocks5Server socks = new TestSocks5Server();
                TestDaemon alice = start(tmp, "alice", socks, heartbeat);
                TestDaemon bob = start(tmp, "bob", socks, heartbeat)) {
            alice.client().changeContact(Command.ADD_CONTACT, bob.address().hostname(), "");
            bob.client().changeContact(Command.ADD_CONTACT, alice.address().hostname(), "");
            awaitOnline(alice, bob);
            awaitOnline(bob, alice);
            Thread.sleep(2000); // the handshake and the first presence frames are behind us
            long bytes0 = socks.relayedBytes();
            long cells0 = socks.relayedCells();
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            double elapsed = (System.nanoTime() - t0) / 1e9;
            long bytes = socks.relayedBytes() - bytes0;
            long cells = socks.relayedCells() - cells0;
            System.out.printf(
                    Locale.ROOT,
                    "idle session, heartbeat %d ms, %.0f s: %d bytes of frames both ways "
                            + "(%.1f B/s), %d relay cells (%.3f cells/s, %.1f B/s as %d-byte cells on each link of the "
                            + "circuit); per contact and direction: %.1f B/s of cells%n",
                    heartbeat,
                    elapsed,
                    bytes,
                    bytes / elapsed,
                    cells,
                    cells / elapsed,
                    cells * CELL_BYTES / elapsed,
                    CELL_BYTES,
                    cells * CELL_BYTES / elapsed / 2);
            System.out.printf(Locale.ROOT, "still online: %s / %s%n", presence(alice, bob), presence(bob, alice));
        } finally {
            TempFiles.deleteTree(tmp);
        }
    }

    private static TestDaemon start(Path tmp, String name, TestSocks5Server socks, int heartbeat) throws Exception {
        TestDaemon d = TestDaemon.start(
                TestDaemon.newDataDir(tmp, name), socks.address(), "heartbeat: " + heartbeat, "connectpace: 0");
        socks.map(d.address().hostname(), d.peerPort());
        return d;
    }

    private static void awaitOnline(TestDaemon of, TestDaemon peer) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!presence(of, peer).equals("online")) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("no session within 30 s");
            }
            Thread.sleep(50);
        }
    }

    private static String presence(TestDaemon of, TestDaemon peer) throws Exception {
        return of.client().contacts().stream()
                .filter(m -> m.id().equals(peer.address().hostname()))
                .findFirst()
                .flatMap(m -> m.extension("presence"))
                .map(n -> n.asText())
                .orElse("none");
    }
}
