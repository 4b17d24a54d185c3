package org.torchat.daemon.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torchat.daemon.testing.TransferProbe.field;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchat.daemon.testing.Await;
import org.torchat.daemon.testing.DaemonProcess;
import org.torchat.daemon.testing.TestSocks5Server;
import org.torchat.daemon.testing.TransferProbe;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;

/**
 * A 20 MB transfer between two real daemon processes, one of which is killed (SIGKILL) in the middle and started
 * again: the transfer resumes from the receiver's durable offset, not from the start, and the file that arrives
 * has the offered SHA-256.
 */
class FileTransferResumeIT {
    private static final int SIZE = 20 * 1024 * 1024;
    private static final Duration LONG = Duration.ofSeconds(120);
    private static final Pattern SENDING_FROM = Pattern.compile("sending from offset (\\d+) of " + SIZE);

    @TempDir
    Path tmp;

    private TestSocks5Server socks;
    private DaemonProcess alice;
    private DaemonProcess bob;

    @AfterEach
    void stop() throws Exception {
        if (alice != null) {
            alice.close();
        }
        if (bob != null) {
            bob.close();
        }
        if (socks != null) {
            socks.close();
        }
    }

    @Test
    void killingTheReceiverMidwayThenRestartingItResumesTheTransfer() throws Exception {
        String tid = startTransfer();
        Await.until(() -> offset(bob, tid), o -> o >= 1024 * 1024, LONG);
        bob.kill();
        long durable = offset(alice, tid);
        assertTrue(durable < SIZE, "killed in the middle: " + durable);
        bob.start();
        assertCompletesWithTheOfferedHash(tid);
        assertTrue(resumedFrom() > 0, "resumed, not started over:\n" + alice.logTail(30));
    }

    @Test
    void killingTheSenderMidwayThenRestartingItResumesTheTransfer() throws Exception {
        String tid = startTransfer();
        Await.until(() -> offset(bob, tid), o -> o >= 1024 * 1024, LONG);
        alice.kill();
        assertNotEquals("complete", field(TransferProbe.find(bob.client(), tid).orElseThrow(), Extensions.STATE));
        alice.start();
        assertCompletesWithTheOfferedHash(tid);
        assertTrue(resumedFrom() > 0, "resumed, not started over:\n" + alice.logTail(30));
    }

    private String startTransfer() throws Exception {
        socks = new TestSocks5Server();
        Path conf = Files.writeString(
                tmp.resolve("torchat.conf"), "fileaccept: all\nfileautoacceptmax: 104857600\n" + "retrydelay: 200\n");
        alice = new DaemonProcess(tmp, "alice", socks.address(), conf);
        bob = new DaemonProcess(tmp, "bob", socks.address(), conf);
        alice.start();
        bob.start();
        bob.client().changeContact(Command.ADD_CONTACT, alice.onion(), ""); // only contacts may offer files
        socks.map(bob.onion(), bob.peerPort());
        byte[] content = new byte[SIZE];
        new Random(7).nextBytes(content);
        Path file = Files.write(tmp.resolve("big.bin"), content);
        Message end = alice.client().sendFile(bob.onion(), file, (sent, total) -> {});
        return field(end, Extensions.TRANSFER_ID);
    }

    private void assertCompletesWithTheOfferedHash(String tid) throws Exception {
        Message done = TransferProbe.await(bob.client(), tid, "complete", LONG);
        Path saved = Path.of(field(done, Extensions.PATH));
        assertArrayEquals(Files.readAllBytes(tmp.resolve("big.bin")), Files.readAllBytes(saved));
        TransferProbe.await(alice.client(), tid, "delivered", LONG);
        assertEquals(
                field(done, Extensions.SHA256),
                field(TransferProbe.find(alice.client(), tid).orElseThrow(), Extensions.SHA256));
    }

    /** The highest offset the sender's log says it resumed from. */
    private long resumedFrom() throws Exception {
        Matcher m = SENDING_FROM.matcher(alice.logText());
        long max = 0;
        while (m.find()) {
            max = Math.max(max, Long.parseLong(m.group(1)));
        }
        return max;
    }

    private static long offset(DaemonProcess d, String tid) throws Exception {
        return TransferProbe.find(d.client(), tid)
                .map(m -> Long.parseLong(field(m, Extensions.OFFSET)))
                .orElse(0L);
    }
}
