package org.torchat.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Over a real loopback connection: {@code client} is the side under test, {@code peer} the remote end. */
// A separate thread, because a blocked socket read ignores interrupts: a broken deadline must fail, not hang.
@Timeout(value = 15, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DeadlineInputStreamTest {
    private ServerSocket server;
    private Socket client;
    private Socket peer;

    @BeforeEach
    void connect() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        server = new ServerSocket(0, 1, loopback);
        client = new Socket(loopback, server.getLocalPort());
        peer = server.accept();
    }

    @AfterEach
    void close() throws IOException {
        for (AutoCloseable c : new AutoCloseable[] {peer, client, server}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort: the test result is already decided
            }
        }
    }

    @Test
    void peerTricklingOneByteEvery200MsIsCutOffByTheOneSecondBudget() throws Exception {
        AtomicInteger sent = new AtomicInteger();
        Thread trickler = new Thread(() -> trickle(sent), "trickler");
        trickler.setDaemon(true);
        trickler.start();
        try {
            long start = System.nanoTime();
            FrameReader reader = new FrameReader(new DeadlineInputStream(client, Duration.ofSeconds(1)));

            FrameException e = assertThrows(FrameException.class, reader::read);
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

            assertEquals(FrameException.Error.TIMEOUT, e.error());
            assertTrue(elapsedMillis >= 900, "cut off too early: " + elapsedMillis + " ms");
            assertTrue(elapsedMillis < 10_000, "cut off far too late: " + elapsedMillis + " ms");
            // Bytes kept arriving well within any per-read timeout, so only the overall deadline stopped it.
            assertTrue(sent.get() >= 2, "the peer should have sent several bytes, sent " + sent.get());
        } finally {
            trickler.interrupt();
        }
    }

    @Test
    void silentPeerTimesOutAfterTheBudget() throws Exception {
        long start = System.nanoTime();
        FrameReader reader = new FrameReader(new DeadlineInputStream(client, Duration.ofMillis(500)));

        FrameException e = assertThrows(FrameException.class, reader::read);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(FrameException.Error.TIMEOUT, e.error());
        assertTrue(elapsedMillis >= 400, "cut off too early: " + elapsedMillis + " ms");
        assertTrue(elapsedMillis < 10_000, "cut off far too late: " + elapsedMillis + " ms");
    }

    @Test
    void frameThatArrivesWithinTheBudgetIsRead() throws Exception {
        peer.getOutputStream().write("0005hello0002ok".getBytes(StandardCharsets.US_ASCII));
        peer.getOutputStream().flush();

        FrameReader reader = new FrameReader(new DeadlineInputStream(client, Duration.ofSeconds(5)));

        assertEquals(Optional.of("hello"), reader.read());
        assertEquals(Optional.of("ok"), reader.read());
    }

    @Test
    void cleanCloseByThePeerIsEndOfStreamNotTimeout() throws Exception {
        peer.getOutputStream().write("0002hi".getBytes(StandardCharsets.US_ASCII));
        peer.shutdownOutput();

        FrameReader reader = new FrameReader(new DeadlineInputStream(client, Duration.ofSeconds(5)));

        assertEquals(Optional.of("hi"), reader.read());
        assertEquals(Optional.empty(), reader.read());
    }

    @Test
    void deadlineIsAbsoluteSoReadingAfterItFailsEvenWithDataWaiting() throws Exception {
        peer.getOutputStream().write("0002hi".getBytes(StandardCharsets.US_ASCII));
        peer.getOutputStream().flush();
        DeadlineInputStream in = new DeadlineInputStream(client, Duration.ofMillis(100));

        Thread.sleep(300);

        assertThrows(SocketTimeoutException.class, in::read);
        FrameException e = assertThrows(FrameException.class, () -> new FrameReader(in).read());
        assertEquals(FrameException.Error.TIMEOUT, e.error());
    }

    @Test
    void cuttingTheDeadlineShortWakesABlockedReadAsATimeout() throws Exception {
        DeadlineInputStream in = new DeadlineInputStream(client, Duration.ofSeconds(30));
        FrameReader reader = new FrameReader(in);
        Thread cutter = new Thread(
                () -> {
                    sleepQuietly(200);
                    in.cutShort();
                },
                "cutter");
        long start = System.nanoTime();
        cutter.start();

        FrameException e = assertThrows(FrameException.class, reader::read);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(FrameException.Error.TIMEOUT, e.error());
        assertTrue(elapsedMillis < 10_000, "the blocked read should wake at once, not after 30 s: " + elapsedMillis);
        cutter.join();
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Announces a full-size frame, then sends one byte every 200 ms until the connection or thread ends. */
    private void trickle(AtomicInteger sent) {
        try {
            OutputStream out = peer.getOutputStream();
            out.write("9999".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(200);
                out.write('x');
                out.flush();
                sent.incrementAndGet();
            }
        } catch (IOException | InterruptedException e) {
            // the test closed the connection or is done
        }
    }
}
