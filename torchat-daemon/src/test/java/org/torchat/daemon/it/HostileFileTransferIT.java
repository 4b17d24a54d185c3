package org.torchat.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torchat.daemon.testing.TransferProbe.field;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.torchat.daemon.testing.TestDaemon;
import org.torchat.daemon.testing.TestSocks5Server;
import org.torchat.daemon.testing.TransferProbe;
import org.torchat.daemon.testing.Wire;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.FrameReader;
import org.torchat.protocol.FrameWriter;
import org.torchat.protocol.Message;
import org.torchat.protocol.MessageCodec;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.signature.FileSignatures;
import org.torchat.protocol.signature.MessageSignatures;
import org.torchat.protocol.signature.SignedFileFields;
import org.torchat.protocol.signature.SignedFileFields.Kind;

/**
 * A peer that breaks the file-transfer rules, with hand-made frames on bob's peer port: every breach gets ERR and a
 * line in the log, and nothing of it is stored as a complete file. Bob accepts every offer by itself here.
 */
class HostileFileTransferIT {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String TID = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path tmp;

    private TestSocks5Server socks;
    private TestDaemon bob;
    private final Ed25519Identity mallory = Ed25519Identity.generate();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void start() throws Exception {
        log.start();
        rootLogger().addAppender(log);
        socks = new TestSocks5Server();
        bob = TestDaemon.startReachable(tmp, "bob", socks, "fileaccept: all", "filemaxsize: 1000000");
        bob.client().changeContact(Command.ADD_CONTACT, mallory.onionAddress().hostname(), ""); // offers need one
    }

    @AfterEach
    void stop() throws Exception {
        bob.close();
        socks.close();
        rootLogger().detachAppender(log);
    }

    private static Logger rootLogger() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @Test
    void aChunkAlteredOnTheWayIsRefusedAndNotWritten() throws Exception {
        byte[] content = "the real content".getBytes(StandardCharsets.UTF_8);
        try (Session s = new Session()) {
            assertEquals("accepted", field(s.ask(offer(TID, "a.txt", content)), Extensions.STATE));
            byte[] altered = content.clone();
            altered[0] ^= 1;
            Message err = s.ask(chunk(TID, 0, content)
                    .withExtension(
                            Extensions.DATA, NODES.textNode(Base64.getEncoder().encodeToString(altered))));
            assertEquals(Command.ERR, err.cmd());
            assertTrue(err.msg().startsWith("bad signature on the chunk at offset 0"), err.msg());
        }
        assertTrue(errorLog().contains("bad signature on the chunk at offset 0"), "logged");
        assertEquals("0", field(TransferProbe.find(bob.client(), TID).orElseThrow(), Extensions.OFFSET));
        assertNothingComplete();
    }

    @Test
    void aFileWhoseHashDoesNotMatchTheOfferIsDropped() throws Exception {
        byte[] offered = "what was offered".getBytes(StandardCharsets.UTF_8);
        byte[] sent = "what was sent!!!".getBytes(StandardCharsets.UTF_8);
        try (Session s = new Session()) {
            s.ask(offer(TID, "a.txt", offered));
            s.send(chunk(TID, 0, sent)); // correctly signed, but not the offered file
            Message err = s.ask(end(TID, offered));
            assertEquals(Command.ERR, err.cmd());
            assertEquals("failed", field(err, Extensions.STATE), "the sender is told not to retry");
            assertTrue(err.msg().contains("SHA-256 mismatch"), err.msg());
        }
        assertTrue(errorLog().contains("SHA-256 mismatch"), "logged");
        Message t = TransferProbe.find(bob.client(), TID).orElseThrow();
        assertEquals("failed", field(t, Extensions.STATE));
        assertNothingComplete();
        try (Session s = new Session()) {
            assertEquals(
                    "failed",
                    field(s.ask(offer(TID, "a.txt", offered)), Extensions.STATE),
                    "offering it again changes nothing");
        }
    }

    @Test
    void moreDataThanOfferedIsDropped() throws Exception {
        byte[] offered = new byte[10];
        byte[] more = new byte[11];
        try (Session s = new Session()) {
            s.ask(offer(TID, "a.bin", offered));
            Message err = s.ask(chunk(TID, 0, more));
            assertEquals(Command.ERR, err.cmd());
            assertEquals("failed", field(err, Extensions.STATE));
            assertTrue(err.msg().contains("more data than the offered 10 bytes"), err.msg());
        }
        assertNothingComplete();
        assertTrue(errorLog().contains("more data than the offered 10 bytes"), "logged");
    }

    @Test
    void hostileNamesAreSavedUnderSafeNames() throws Exception {
        String[] names = {
            "../../etc/passwd", "a/b", "nul\u0000byte", "line\nbreak", ".hidden", "..", "CON", "x".repeat(1500)
        };
        List<String> saved = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            String tid = String.format("%032x", i + 1);
            byte[] content = ("file " + i).getBytes(StandardCharsets.UTF_8);
            try (Session s = new Session()) {
                s.ask(offer(tid, names[i], content));
                s.send(chunk(tid, 0, content));
                assertEquals("complete", field(s.ask(end(tid, content)), Extensions.STATE), names[i]);
            }
            Path path = Path.of(field(TransferProbe.find(bob.client(), tid).orElseThrow(), Extensions.PATH));
            assertEquals(tmp.resolve("bob/downloads"), path.getParent(), "saved inside downloads: " + path);
            assertEquals("file " + i, Files.readString(path));
            saved.add(path.getFileName().toString());
        }
        assertEquals(
                List.of("_._etc_passwd", "a_b", "nul_byte", "line_break", "hidden", "file", "_CON"),
                saved.subList(0, 7));
        assertTrue(saved.get(7).length() <= 200 && saved.get(7).startsWith("xxx"), saved.get(7));
        assertFalse(Files.exists(tmp.resolve("etc/passwd")));
    }

    @Test
    void aSecondFileWithTheSameNameGetsASuffix() throws Exception {
        for (int i = 1; i <= 2; i++) {
            String tid = String.format("%032x", i);
            byte[] content = ("copy " + i).getBytes(StandardCharsets.UTF_8);
            try (Session s = new Session()) {
                s.ask(offer(tid, "notes.txt", content));
                s.send(chunk(tid, 0, content));
                s.ask(end(tid, content));
            }
        }
        assertEquals("copy 1", Files.readString(tmp.resolve("bob/downloads/notes.txt")));
        assertEquals("copy 2", Files.readString(tmp.resolve("bob/downloads/notes (1).txt")));
    }

    @Test
    void framesThatBreakTheRulesGetErr() throws Exception {
        byte[] content = new byte[5];
        Message signed = offer(TID, "a", content);
        assertErr(signed.withExtension(Extensions.PROTO, NODES.numberNode(1)), "needs protocol 2");
        assertErr(new Message(Command.FILEBEGIN, signed.id(), 80, "b", null, signed.extensions()), "bad signature");
        assertErr(signed.withExtension(Extensions.SIZE, NODES.numberNode(-1)), "field 'size'");
        assertErr(signed.withExtension(Extensions.TRANSFER_ID, NODES.textNode("../x")), "field 'tid'");
        assertErr(chunk(TID, 0, content), "FILEDATA only follows FILEBEGIN on the same connection");
        assertErr(end(TID, content), "FILEEND only follows FILEBEGIN on the same connection");
        String onControl = Wire.exchange(bob.controlPort(), Wire.frame(MessageCodec.encode(signed)));
        assertTrue(onControl.contains("FILEBEGIN is for peers"), onControl);
        String upOnPeer = Wire.exchange(
                bob.peerPort(), Wire.frame(MessageCodec.encode(Message.of(Command.FILEUP, signed.id(), 80, "a"))));
        assertTrue(upOnPeer.contains("FILEUP is a client command"), upOnPeer);
        try (Session s = new Session()) {
            s.ask(offer(TID, "a", content));
            Message err = s.ask(chunk(TID, 3, new byte[2]));
            assertTrue(err.msg().contains("FILEDATA at offset 3, expected 0"), err.msg());
        }
        assertNothingComplete();
        assertTrue(bob.client().status().cmd() == Command.STATUS, "bob is still up");
    }

    @Test
    void onePeerCannotLeaveMoreThanSixteenOffersWaiting() throws Exception {
        bob.close();
        bob = TestDaemon.startReachable(tmp, "bob-asks", socks); // every offer waits for the user
        bob.client().changeContact(Command.ADD_CONTACT, mallory.onionAddress().hostname(), "");
        List<Session> open = new ArrayList<>();
        try {
            for (int i = 1; i <= 16; i++) {
                Session s = new Session();
                open.add(s);
                s.send(offer(String.format("%032x", i), "f" + i, new byte[i])); // held: no answer read
            }
            org.torchat.daemon.testing.Await.until(
                    () -> bob.client().transfers().size(), n -> n == 16, java.time.Duration.ofSeconds(30));
            try (Session s = new Session()) {
                Message err = s.ask(offer(String.format("%032x", 17), "f17", new byte[17]));
                assertEquals(Command.ERR, err.cmd());
                assertTrue(err.msg().startsWith("too many offers waiting for the user"), err.msg());
            }
            assertEquals(16, bob.client().transfers().size());
        } finally {
            for (Session s : open) {
                s.close();
            }
        }
    }

    private void assertErr(Message frame, String expected) throws Exception {
        String reply = Wire.exchange(bob.peerPort(), Wire.frame(MessageCodec.encode(frame)));
        assertTrue(reply.contains("\"cmd\":\"ERR\"") && reply.contains(expected), reply);
    }

    private void assertNothingComplete() throws Exception {
        try (Stream<Path> files = Files.list(tmp.resolve("bob/downloads"))) {
            assertEquals(List.of(), files.toList(), "nothing saved as a complete file");
        }
        assertTrue(bob.client().transfers().stream().noneMatch(m -> "complete".equals(field(m, Extensions.STATE))));
    }

    /** The daemon's warnings: what goes to its error log. */
    private String errorLog() {
        return log.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(ILoggingEvent::getFormattedMessage)
                .reduce("", (a, b) -> a + b + "\n");
    }

    private Message offer(String tid, String name, byte[] content) {
        return sign(
                new SignedFileFields(
                        Kind.OFFER, mallory.onionAddress(), bob.address(), tid, content.length, sha256(content), name),
                Message.of(Command.FILEBEGIN, mallory.onionAddress().hostname(), 80, name)
                        .withExtension(Extensions.SIZE, NODES.numberNode(content.length))
                        .withExtension(Extensions.SHA256, NODES.textNode(sha256(content))));
    }

    private Message chunk(String tid, long offset, byte[] bytes) {
        return sign(
                new SignedFileFields(Kind.CHUNK, mallory.onionAddress(), bob.address(), tid, offset, sha256(bytes), ""),
                Message.of(Command.FILEDATA, mallory.onionAddress().hostname(), 80, "")
                        .withExtension(Extensions.OFFSET, NODES.numberNode(offset))
                        .withExtension(
                                Extensions.DATA,
                                NODES.textNode(Base64.getEncoder().encodeToString(bytes))));
    }

    private Message end(String tid, byte[] content) {
        return sign(
                new SignedFileFields(
                        Kind.END, mallory.onionAddress(), bob.address(), tid, content.length, sha256(content), ""),
                Message.of(Command.FILEEND, mallory.onionAddress().hostname(), 80, "")
                        .withExtension(Extensions.SIZE, NODES.numberNode(content.length))
                        .withExtension(Extensions.SHA256, NODES.textNode(sha256(content))));
    }

    private Message sign(SignedFileFields fields, Message frame) {
        return frame.withExtension(Extensions.TRANSFER_ID, NODES.textNode(fields.transferId()))
                .withExtension(Extensions.PROTO, NODES.numberNode(2))
                .withExtension(
                        Extensions.SIGNATURE,
                        NODES.textNode(MessageSignatures.toBase64(FileSignatures.sign(mallory, fields))));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One connection to bob's peer port, as a sending daemon holds it. */
    private final class Session implements AutoCloseable {
        private final Socket socket = new Socket(InetAddress.getLoopbackAddress(), bob.peerPort());
        private final FrameWriter writer = new FrameWriter(socket.getOutputStream());
        private final FrameReader reader = new FrameReader(socket.getInputStream());

        Session() throws IOException {
            socket.setSoTimeout(30_000);
        }

        void send(Message frame) throws Exception {
            writer.write(MessageCodec.encode(frame));
        }

        Message ask(Message frame) throws Exception {
            send(frame);
            Optional<String> reply = reader.read();
            return MessageCodec.decode(reply.orElseThrow());
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
