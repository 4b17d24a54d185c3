package org.torchat.daemon.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torchat.daemon.testing.TransferProbe.field;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchat.daemon.testing.Await;
import org.torchat.daemon.testing.TestDaemon;
import org.torchat.daemon.testing.TestSocks5Server;
import org.torchat.daemon.testing.TransferProbe;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.FileChunks;
import org.torchat.protocol.Message;
import org.torchat.protocol.MessageCodec;
import org.torchat.protocol.client.DaemonErrorException;
import org.torchat.protocol.identity.Ed25519Identity;

/** Files between two real daemons on loopback, through the SOCKS5 stand-in for Tor. */
class FileTransferIT {
    private static final Duration LONG = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private TestSocks5Server socks;
    private TestDaemon alice;
    private TestDaemon bob;

    /** Alice is one of Bob's contacts: only contacts may offer files (unless {@code strangers: allow}). */
    private void start(String... bobConfig) throws Exception {
        startStrangers(bobConfig);
        bob.client().changeContact(Command.ADD_CONTACT, alice.address().hostname(), "");
    }

    private void startStrangers(String... bobConfig) throws Exception {
        socks = new TestSocks5Server();
        alice = TestDaemon.startReachable(tmp, "alice", socks, "retrydelay: 200");
        bob = TestDaemon.startReachable(tmp, "bob", socks, bobConfig);
    }

    @AfterEach
    void stop() throws Exception {
        Stream.of(alice, bob).filter(d -> d != null).forEach(TestDaemon::close);
        if (socks != null) {
            socks.close();
        }
    }

    @Test
    void filesOfZeroOneChunkSizeAndTwentyMegabytesArriveWhole() throws Exception {
        start("fileaccept: all", "fileautoacceptmax: 104857600");
        for (int size : new int[] {0, 1, FileChunks.CHUNK_BYTES, 20 * 1024 * 1024}) {
            byte[] content = randomBytes(size);
            Path file = Files.write(tmp.resolve("file-" + size + ".bin"), content);
            AtomicLong progress = new AtomicLong(-1);
            Message end = alice.client().sendFile(bob.address().hostname(), file, (sent, total) -> progress.set(sent));
            String tid = field(end, Extensions.TRANSFER_ID);
            assertEquals("offered", field(end, Extensions.STATE), end.toString());
            assertEquals(size == 0 ? -1 : size, progress.get(), "progress reached the whole file");

            Message received = TransferProbe.await(bob.client(), tid, "complete", LONG);
            assertEquals("in", field(received, Extensions.DIRECTION));
            assertEquals(alice.address().hostname(), received.id());
            assertEquals("file-" + size + ".bin", received.msg());
            Path saved = Path.of(field(received, Extensions.PATH));
            assertEquals(tmp.resolve("bob/downloads/file-" + size + ".bin"), saved);
            assertArrayEquals(content, Files.readAllBytes(saved), "the bytes arrive unchanged");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(saved)));

            Message sent = TransferProbe.await(alice.client(), tid, "delivered", LONG);
            assertEquals(String.valueOf(size), field(sent, Extensions.OFFSET));
        }
        assertEquals(
                "rwx------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("bob/downloads"))));
        assertEquals(List.of(), listing(tmp.resolve("alice/spool")), "delivered files leave the sender's spool");
        assertEquals(List.of(), listing(tmp.resolve("bob/spool")), "no partial files are left");
    }

    @Test
    void byDefaultAnOfferWaitsForTheUserWhoCanAcceptOrRefuseIt() throws Exception {
        start();
        Path file = Files.write(tmp.resolve("photo.jpg"), randomBytes(50_000));
        String first =
                field(alice.client().sendFile(bob.address().hostname(), file, (s, t) -> {}), Extensions.TRANSFER_ID);
        Message offered = TransferProbe.await(bob.client(), first, "offered", LONG);
        assertEquals("50000", field(offered, Extensions.SIZE));
        assertEquals("0", field(offered, Extensions.OFFSET));
        assertEquals(List.of(), listing(tmp.resolve("bob/downloads")), "nothing is received before the user accepts");

        assertEquals("receiving", field(bob.client().decideFile(first, true), Extensions.STATE));
        TransferProbe.await(bob.client(), first, "complete", LONG);
        TransferProbe.await(alice.client(), first, "delivered", LONG);

        String second =
                field(alice.client().sendFile(bob.address().hostname(), file, (s, t) -> {}), Extensions.TRANSFER_ID);
        TransferProbe.await(bob.client(), second, "offered", LONG);
        assertEquals("rejected", field(bob.client().decideFile(second, false), Extensions.STATE));
        Message refused = TransferProbe.await(alice.client(), second, "rejected", LONG);
        assertEquals(
                "the peer refused the file: refused by the recipient",
                field(refused, Extensions.ERROR)); // blocking says the same
        DaemonErrorException again =
                assertThrows(DaemonErrorException.class, () -> bob.client().decideFile(second, true));
        assertTrue(again.getMessage().contains("no incoming offer"), again.getMessage());
        assertEquals(List.of("photo.jpg"), listing(tmp.resolve("bob/downloads")), "only the accepted copy");
    }

    @Test
    void withContactsOnlyPeersWeHaveWrittenToAreAcceptedWithoutAsking() throws Exception {
        startStrangers("strangers: allow", "fileaccept: contacts", "fileautoacceptmax: 1000");
        Path small = Files.write(tmp.resolve("small.txt"), randomBytes(500));
        String stranger =
                field(alice.client().sendFile(bob.address().hostname(), small, (s, t) -> {}), Extensions.TRANSFER_ID);
        TransferProbe.await(bob.client(), stranger, "offered", LONG);

        bob.client().send(alice.address().hostname(), "hi alice");
        String contact =
                field(alice.client().sendFile(bob.address().hostname(), small, (s, t) -> {}), Extensions.TRANSFER_ID);
        TransferProbe.await(bob.client(), contact, "complete", LONG);
        Path big = Files.write(tmp.resolve("big.txt"), randomBytes(1001));
        String tooBig =
                field(alice.client().sendFile(bob.address().hostname(), big, (s, t) -> {}), Extensions.TRANSFER_ID);
        TransferProbe.await(bob.client(), tooBig, "offered", LONG);
        assertEquals(
                "offered",
                field(TransferProbe.find(bob.client(), stranger).orElseThrow(), Extensions.STATE),
                "an offer made before stays for the user to answer");
    }

    @Test
    void strangersAndBlockedAddressesCannotOfferFilesAndLeaveNoTrace() throws Exception {
        startStrangers("fileaccept: all");
        Path file = Files.write(tmp.resolve("f.bin"), randomBytes(100));
        String fromStranger =
                field(alice.client().sendFile(bob.address().hostname(), file, (s, t) -> {}), Extensions.TRANSFER_ID);
        Message refused = TransferProbe.await(alice.client(), fromStranger, "rejected", LONG);
        assertTrue(field(refused, Extensions.ERROR).contains("contacts only"), refused.toString());
        assertTrue(TransferProbe.find(bob.client(), fromStranger).isEmpty(), "the receiver keeps no trace of it");

        bob.client().changeContact(Command.ADD_CONTACT, alice.address().hostname(), "");
        bob.client().changeContact(Command.BLOCK, alice.address().hostname(), "");
        String fromBlocked =
                field(alice.client().sendFile(bob.address().hostname(), file, (s, t) -> {}), Extensions.TRANSFER_ID);
        Message blocked = TransferProbe.await(alice.client(), fromBlocked, "rejected", LONG);
        assertEquals(
                "the peer refused the file: refused by the recipient",
                field(blocked, Extensions.ERROR),
                "word for word what a refusal by the user gives");
        assertTrue(TransferProbe.find(bob.client(), fromBlocked).isEmpty());
        assertEquals(List.of(), listing(tmp.resolve("bob/downloads")));
    }

    @Test
    void sendingAFileMakesThePeerAContactAndABlockedPeerGetsNone() throws Exception {
        start("fileaccept: all");
        Path file = Files.write(tmp.resolve("f.bin"), randomBytes(10));
        String carol = Ed25519Identity.generate().onionAddress().hostname();
        alice.client().sendFile(carol, file, (s, t) -> {});
        assertTrue(
                alice.client().contacts().stream().anyMatch(c -> c.id().equals(carol)),
                "as a message would: carol's answers must not wait among the requests");

        alice.client().changeContact(Command.BLOCK, carol, "");
        DaemonErrorException e =
                assertThrows(DaemonErrorException.class, () -> alice.client().sendFile(carol, file, (s, t) -> {}));
        assertTrue(e.getMessage().contains("is blocked"), e.getMessage());
    }

    @Test
    void anOfferOverTheReceiversLimitIsRefusedAndTheSenderGivesUp() throws Exception {
        start("fileaccept: all", "filemaxsize: 10000");
        Path file = Files.write(tmp.resolve("big.bin"), randomBytes(10_001));
        String tid =
                field(alice.client().sendFile(bob.address().hostname(), file, (s, t) -> {}), Extensions.TRANSFER_ID);
        Message refused = TransferProbe.await(alice.client(), tid, "rejected", LONG);
        assertTrue(field(refused, Extensions.ERROR).contains("file too large"), refused.toString());
        assertTrue(TransferProbe.find(bob.client(), tid).isEmpty(), "the receiver keeps no trace of it");
        assertEquals(List.of(), listing(tmp.resolve("bob/downloads")));
    }

    @Test
    void aMessageFromThePeerEndsTheBackoffOfItsFiles() throws Exception {
        socks = new TestSocks5Server();
        alice = TestDaemon.startReachable(tmp, "alice", socks, "retrydelay: 3600000");
        bob = TestDaemon.start(TestDaemon.newDataDir(tmp, "bob"), socks.address(), "fileaccept: all");
        bob.client().changeContact(Command.ADD_CONTACT, alice.address().hostname(), "");
        Path file = Files.write(tmp.resolve("later.bin"), randomBytes(20_000));
        String tid =
                field(alice.client().sendFile(bob.address().hostname(), file, (s, t) -> {}), Extensions.TRANSFER_ID);
        Message waiting = Await.until(
                () -> TransferProbe.find(alice.client(), tid).orElseThrow(),
                m -> field(m, Extensions.ERROR) != null,
                LONG);
        assertEquals("offered", field(waiting, Extensions.STATE), "bob is unreachable: an hour until the next try");

        socks.map(bob.address().hostname(), bob.peerPort());
        bob.client().send(alice.address().hostname(), "I am back");
        TransferProbe.await(bob.client(), tid, "complete", LONG);
        TransferProbe.await(alice.client(), tid, "delivered", LONG);
    }

    /** The same when the message comes over a session that was open all along (issue 15). */
    @Test
    void aMessageOverAnOpenSessionEndsTheBackoffOfItsFiles() throws Exception {
        socks = new TestSocks5Server();
        alice = TestDaemon.startReachable(tmp, "alice", socks, "retrydelay: 3600000");
        bob = TestDaemon.start(TestDaemon.newDataDir(tmp, "bob"), socks.address(), "fileaccept: all");
        alice.client().changeContact(Command.ADD_CONTACT, bob.address().hostname(), "");
        bob.client().changeContact(Command.ADD_CONTACT, alice.address().hostname(), ""); // Bob dials: a session
        Await.until(
                () -> alice.client()
                        .contacts()
                        .get(0)
                        .extension(Extensions.SESSION)
                        .orElseThrow()
                        .isNull(),
                none -> !none,
                LONG);
        Path file = Files.write(tmp.resolve("later.bin"), randomBytes(20_000));
        String tid =
                field(alice.client().sendFile(bob.address().hostname(), file, (s, t) -> {}), Extensions.TRANSFER_ID);
        Await.until(
                () -> TransferProbe.find(alice.client(), tid).orElseThrow(),
                m -> field(m, Extensions.ERROR) != null,
                LONG); // file streams cannot reach Bob yet: an hour until the next try

        socks.map(bob.address().hostname(), bob.peerPort());
        bob.client().send(alice.address().hostname(), "I am back");
        TransferProbe.await(alice.client(), tid, "delivered", LONG);
    }

    @Test
    void theSendersOwnLimitsRefuseAnUploadAtOnce() throws Exception {
        start();
        Path file = Files.write(tmp.resolve("f.bin"), randomBytes(100));
        alice.close();
        alice = TestDaemon.startReachable(tmp, "alice2", socks, "filemaxsize: 99");
        DaemonErrorException e = assertThrows(
                DaemonErrorException.class,
                () -> alice.client().sendFile(bob.address().hostname(), file, (s, t) -> {}));
        assertTrue(e.getMessage().contains("file too large: 100 bytes"), e.getMessage());
        assertEquals(List.of(), alice.client().transfers());
        assertEquals(List.of(), listing(tmp.resolve("alice2/spool")));
    }

    @Test
    void aHostileNameGivenToTheSenderArrivesUnderASafeName() throws Exception {
        start("fileaccept: all");
        byte[] content = "root:x:0:0".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (ControlSession s = new ControlSession(alice.controlPort())) {
            Message end = s.ask(fileUp(bob.address().hostname(), "../../etc/passwd", content));
            assertEquals(Command.END, end.cmd(), end.toString());
            s.send(chunk(0, content));
            Message done = s.ask(Message.of(Command.FILEEND, "localhost", 0, ""));
            assertEquals("offered", field(done, Extensions.STATE), done.toString());
            Message saved = TransferProbe.await(bob.client(), field(done, Extensions.TRANSFER_ID), "complete", LONG);
            assertEquals(tmp.resolve("bob/downloads/_._etc_passwd").toString(), field(saved, Extensions.PATH));
        }
        assertArrayEquals(content, Files.readAllBytes(tmp.resolve("bob/downloads/_._etc_passwd")));
    }

    @Test
    void aBrokenUploadIsRefusedAndLeavesNothingBehind() throws Exception {
        start();
        String peer = bob.address().hostname();
        byte[] content = randomBytes(10_000);
        try (ControlSession s = new ControlSession(alice.controlPort())) {
            s.ask(fileUp(peer, "a.bin", content));
            Message err = s.ask(chunk(6144, new byte[100]));
            assertEquals(Command.ERR, err.cmd());
            assertTrue(err.msg().contains("FILEDATA at offset 6144, expected 0"), err.msg());
        }
        try (ControlSession s = new ControlSession(alice.controlPort())) {
            s.ask(fileUp(peer, "a.bin", content));
            s.send(chunk(0, java.util.Arrays.copyOf(content, FileChunks.CHUNK_BYTES)));
            byte[] wrong = java.util.Arrays.copyOfRange(content, FileChunks.CHUNK_BYTES, content.length);
            wrong[0] ^= 1;
            s.send(Message.of(Command.FILEDATA, "localhost", 0, "")
                    .withExtension(Extensions.OFFSET, NODES.numberNode(FileChunks.CHUNK_BYTES))
                    .withExtension(
                            Extensions.DATA,
                            NODES.textNode(java.util.Base64.getEncoder().encodeToString(wrong))));
            Message err = s.ask(Message.of(Command.FILEEND, "localhost", 0, ""));
            assertTrue(err.msg().startsWith("SHA-256 mismatch"), err.msg());
        }
        try (ControlSession s = new ControlSession(alice.controlPort())) {
            s.ask(fileUp(peer, "a.bin", content));
            s.send(chunk(0, java.util.Arrays.copyOf(content, 100)));
        } // closed before FILEEND
        try (ControlSession s = new ControlSession(alice.controlPort())) {
            Message err = s.ask(fileUp(peer, "", content));
            assertTrue(err.msg().contains("must be the file's name"), err.msg());
        }
        try (ControlSession s = new ControlSession(alice.controlPort())) {
            Message err = s.ask(fileUp(peer, "a", content).withExtension(Extensions.SHA256, NODES.textNode("abc")));
            assertTrue(err.msg().contains("field 'sha256'"), err.msg());
        }
        String lone = org.torchat.daemon.testing.Wire.exchange(
                alice.controlPort(),
                org.torchat.daemon.testing.Wire.frame(MessageCodec.encode(chunk(0, new byte[10]))));
        assertTrue(lone.contains("FILEDATA only follows FILEUP on the same connection"), lone);
        Await.until(() -> alice.client().transfers(), List::isEmpty, Duration.ofSeconds(10));
        Await.until(() -> listing(tmp.resolve("alice/spool")), List::isEmpty, Duration.ofSeconds(10));
        assertEquals(List.of(), bob.client().transfers(), "nothing reached the peer");
    }

    private static final com.fasterxml.jackson.databind.node.JsonNodeFactory NODES =
            com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;

    private static Message fileUp(String peer, String name, byte[] content) throws Exception {
        return Message.of(Command.FILEUP, peer, 80, name)
                .withExtension(Extensions.SIZE, NODES.numberNode(content.length))
                .withExtension(
                        Extensions.SHA256,
                        NODES.textNode(java.util.HexFormat.of()
                                .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                        .digest(content))));
    }

    private static Message chunk(long offset, byte[] bytes) {
        return Message.of(Command.FILEDATA, "localhost", 0, "")
                .withExtension(Extensions.OFFSET, NODES.numberNode(offset))
                .withExtension(
                        Extensions.DATA,
                        NODES.textNode(java.util.Base64.getEncoder().encodeToString(bytes)));
    }

    /** One connection to a control port, frame by frame, as a client that streams a file holds it. */
    private static final class ControlSession implements AutoCloseable {
        private final java.net.Socket socket;
        private final org.torchat.protocol.FrameWriter writer;
        private final org.torchat.protocol.FrameReader reader;

        ControlSession(int port) throws Exception {
            socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(30_000);
            writer = new org.torchat.protocol.FrameWriter(socket.getOutputStream());
            reader = new org.torchat.protocol.FrameReader(socket.getInputStream());
        }

        void send(Message m) throws Exception {
            writer.write(MessageCodec.encode(m));
        }

        Message ask(Message m) throws Exception {
            send(m);
            return MessageCodec.decode(reader.read().orElseThrow());
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    private static List<String> listing(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
