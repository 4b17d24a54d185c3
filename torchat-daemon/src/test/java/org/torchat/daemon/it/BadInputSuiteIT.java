package org.torchat.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import org.torchat.daemon.testing.TestDaemon;
import org.torchat.daemon.testing.TestSocks5Server;
import org.torchat.daemon.testing.Wire;
import org.torchat.protocol.Command;
import org.torchat.protocol.Message;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;
import org.torchat.protocol.signature.MessageSignatures;
import org.torchat.protocol.signature.SignedFields;

/**
 * The bad-input suite of issue 5, item 5: every bad input is thrown at BOTH listeners (control and peer), each as
 * its own test case. After each: the daemon answers a normal HOST within 2 s, nothing stored changed (GET_PEERS and
 * the HISTORY of every sender address the inputs use are still empty), and the log (captured with a logback
 * ListAppender on the root logger: the daemon runs in this JVM) has a WARN line from that listener saying what
 * happened. The table input -> reply is printed at the end and written to target/bad-input-suite.md.
 *
 * <p>MalformedInputIT stays as it is (control port, the C daemon's transcripts); this suite is the superset over
 * both listeners.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputSuiteIT {
    private static final long HOST_WITHIN_MILLIS = 2_000;
    private static final int READ_TIMEOUT_MILLIS = 1_000;
    private static final Ed25519Identity SENDER = Ed25519Identity.generate();
    private static final Ed25519Identity IMPOSTOR = Ed25519Identity.generate();
    private static final Ed25519Identity OTHER_RECIPIENT = Ed25519Identity.generate();
    private static final String S = SENDER.onionAddress().hostname();

    enum Port {
        CONTROL,
        PEER
    }

    @TempDir
    static Path tmp;

    private TestSocks5Server socks;
    private TestDaemon daemon;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Map<String, String> table = new ConcurrentSkipListMap<>();

    @BeforeAll
    void start() throws Exception {
        socks = new TestSocks5Server();
        // Rate limits and request caps out of the way: dozens of RECVs under one sender address are thrown here on
        // purpose. Strangers allowed: the RECVs here come from made-up senders (ContactsIT is about strangers).
        // Every warning logged one by one: each case looks for its own line (AbuseIT covers the digest).
        daemon = TestDaemon.start(
                tmp,
                socks.address(),
                "readtimeout: " + READ_TIMEOUT_MILLIS,
                "strangers: allow",
                "recvrate: 100000",
                "recvburst: 10000",
                "strangerrate: 1000000",
                "strangerburst: 100000",
                "requestmessages: 1000000",
                "requestbytes: 100000000",
                "strangerquota: 1000000000",
                "logwarnings: 1000000");
        log.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
    }

    @AfterAll
    void stop() throws Exception {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
        daemon.close();
        socks.close();
        StringBuilder md = new StringBuilder("| listener | input | reply |\n|---|---|---|\n");
        table.forEach((k, v) -> md.append("| ")
                .append(k.replace(" :: ", " | "))
                .append(" | ")
                .append(v.replace("|", "\\|"))
                .append(" |\n"));
        System.out.println("\n=== bad input -> reply ===\n" + md);
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("bad-input-suite.md"), md);
        }
    }

    @BeforeEach
    void clearLog() {
        synchronized (log) {
            log.list.clear();
        }
    }

    @AfterEach
    void nothingStored() throws Exception {
        assertEquals(List.of(), daemon.client().peersWithUnread(), "GET_PEERS after a bad input");
        for (String peer : List.of(S, IMPOSTOR.onionAddress().hostname())) {
            List<Message> history = daemon.client().requestUntilEnd(Message.of(Command.HISTORY, peer, 8000, "1000"));
            assertEquals(1, history.size(), "HISTORY of " + peer + ": " + history);
            assertEquals("0", history.get(0).msg(), "HISTORY of " + peer + ": " + history);
        }
    }

    // ---------------------------------------------------------------- single frames

    static Stream<Arguments> frames() {
        List<Arguments> cases = new ArrayList<>();
        for (Port port : Port.values()) {
            String cmd = port == Port.CONTROL ? "HOST" : "RECV";
            String id = port == Port.CONTROL ? "localhost" : S;
            String ok = "{\"cmd\":\"" + cmd + "\",\"id\":\"" + id + "\",\"msg\":\"hi\",\"portno\":80}";
            add(cases, port, "non-digit header ABCD", raw("ABCD" + ok), "frame header must be 4 ASCII digits");
            add(cases, port, "header with a sign (-054)", raw("-054" + ok), "frame header must be 4 ASCII digits");
            add(cases, port, "header 0x00 bytes", concat(new byte[4], raw(ok)), "frame header must be 4 ASCII digits");
            add(cases, port, "header 0000", raw("0000"), "frame length 0000");
            add(cases, port, "header 0000 followed by a frame", raw("0000" + ok), "frame length 0000");
            add(cases, port, "9999 bytes of garbage", garbage(9999), "payload is not valid JSON");
            add(cases, port, "9999 random bytes (binary)", binaryGarbage(9999), "bad frame");
            add(
                    cases,
                    port,
                    "invalid UTF-8 (0xFF)",
                    replaceQuestionMark(ok.replace("hi", "h?"), (byte) 0xff),
                    "not valid UTF-8");
            add(cases, port, "invalid UTF-8 (overlong NUL C0 80)", overlong(ok), "not valid UTF-8");
            add(cases, port, "invalid UTF-8 (lone surrogate ED A0 80)", surrogateBytes(ok), "not valid UTF-8");
            add(cases, port, "JSON array", Wire.frame("[1,2]"), "must be a JSON object");
            add(cases, port, "JSON string", Wire.frame("\"HOST\""), "must be a JSON object");
            add(cases, port, "JSON number", Wire.frame("42"), "must be a JSON object");
            add(cases, port, "JSON null", Wire.frame("null"), "must be a JSON object");
            add(cases, port, "JSON true", Wire.frame("true"), "must be a JSON object");
            add(cases, port, "not JSON", Wire.frame("this is not json"), "payload is not valid JSON");
            add(
                    cases,
                    port,
                    "truncated JSON (header smaller than JSON)",
                    raw(String.format("%04d", ok.length() - 5) + ok),
                    "payload is not valid JSON");
            add(cases, port, "two JSON objects", Wire.frame(ok + ok), "payload is not valid JSON");
            add(cases, port, "deeply nested JSON", Wire.frame("[".repeat(4000) + "]".repeat(4000)), "bad message");
            add(cases, port, "duplicate key cmd", Wire.frame(ok.replace("{", "{\"cmd\":\"EXIT\",")), "bad message");
            for (String field : List.of("cmd", "id", "msg", "portno")) {
                add(
                        cases,
                        port,
                        "missing " + field,
                        Wire.frame(without(ok, field)),
                        "field '" + field + "' is missing");
            }
            Map<String, List<String>> wrong = Map.of(
                    "cmd", List.of("5", "null", "[\"HOST\"]", "{}", "true"),
                    "id", List.of("5", "null", "[]", "{}", "false"),
                    "msg", List.of("5", "null", "[]", "{}", "true"),
                    "portno", List.of("\"80\"", "80.9", "null", "[]", "{}", "true", "1e3"),
                    "date", List.of("5", "[]", "{}", "true"));
            wrong.forEach((field, values) -> {
                for (String value : values) {
                    add(
                            cases,
                            port,
                            "field " + field + " = " + value,
                            Wire.frame(with(ok, field, value)),
                            "field '" + field + "'");
                }
            });
            for (String huge : List.of(
                    "99999999999999",
                    "-99999999999999999999",
                    "1e400",
                    "18446744073709551616",
                    "2147483648",
                    "9".repeat(500))) {
                add(
                        cases,
                        port,
                        "portno " + (huge.length() > 30 ? "9 x500" : huge),
                        Wire.frame(with(ok, "portno", huge)),
                        "field 'portno'");
            }
            for (String unknown : List.of("FOO", "host", "recv", "", " HOST", "HOST\\u0000", "\\u00e9")) {
                add(
                        cases,
                        port,
                        "unknown command '" + unknown + "'",
                        Wire.frame(with(ok, "cmd", "\"" + unknown + "\"")),
                        "unknown command");
            }
            for (String reply : List.of("END", "ERR")) {
                add(
                        cases,
                        port,
                        "reply " + reply + " as a request",
                        Wire.frame(with(ok, "cmd", "\"" + reply + "\"")),
                        reply + " is a reply, not a request");
            }
        }
        // Client commands on the peer port, peer commands on the control port.
        for (String client : List.of("HOST", "GET_PEERS", "UPDATE", "SEND", "HISTORY", "STATUS", "EXIT")) {
            String msg = client.equals("UPDATE") ? S : client.equals("HISTORY") ? "5" : "x";
            String id = client.equals("SEND") || client.equals("HISTORY") ? S : "localhost";
            add(
                    cases,
                    Port.PEER,
                    "client command " + client + " on the peer port",
                    Wire.frame(
                            "{\"cmd\":\"" + client + "\",\"id\":\"" + id + "\",\"msg\":\"" + msg + "\",\"portno\":80}"),
                    "is a client command and is not accepted on the peer port");
        }
        add(
                cases,
                Port.CONTROL,
                "peer command RECV on the control port",
                Wire.frame("{\"cmd\":\"RECV\",\"id\":\"" + S + "\",\"msg\":\"hi\",\"portno\":80}"),
                "RECV is for peers and is only accepted on the peer port");
        // Forged sender ids (docs/PROTOCOL.md, "Signed messages"): the recipient is known only when the daemon runs.
        for (Port port : Port.values()) {
            String expected = port == Port.PEER ? "bad signature" : "only accepted on the peer port";
            add(cases, port, "RECV claiming S, signed by another key", null, expected);
            add(cases, port, "RECV by S, signed for another recipient", null, expected);
            add(cases, port, "RECV by S, text altered after signing", null, expected);
            add(cases, port, "RECV by S, ts altered after signing", null, expected);
            add(cases, port, "RECV by S, mid altered after signing", null, expected);
            add(cases, port, "RECV by S, all-zero signature", null, expected);
            add(cases, port, "RECV by S, signature not base64", null, port == Port.PEER ? "field 'sig'" : expected);
            add(
                    cases,
                    port,
                    "RECV by S, signed but without mid/ts",
                    null,
                    port == Port.PEER ? "must carry 'mid' and 'ts'" : expected);
            add(cases, port, "RECV from a v2 id", null, port == Port.PEER ? "v2 onion services" : expected);
            add(cases, port, "RECV with an id that is not an onion", null, port == Port.PEER ? "field 'id'" : expected);
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("frames")
    void aBadFrameGetsErrAndChangesNothing(Port port, String name, byte[] input, String expected) throws Exception {
        byte[] bytes = input != null ? input : forged(name);
        String reply = Wire.exchange(port(port), bytes);
        record(port, name, reply);
        assertTrue(reply.contains("\"cmd\":\"ERR\""), name + ": " + reply);
        assertTrue(reply.contains(expected), name + ": expected '" + expected + "' in " + reply);
        assertEquals(1, count(reply, "\"cmd\":"), "exactly one reply frame: " + reply);
        assertServesHostQuickly();
        assertWarned(port, "");
    }

    // ---------------------------------------------------------------- a length larger than the data, then silence

    @ParameterizedTest(name = "{0}")
    @EnumSource(Port.class)
    void aLengthLargerThanTheDataFollowedBySilenceIsCutOffAtTheDeadline(Port port) throws Exception {
        String ok = "{\"cmd\":\"HOST\",\"id\":\"localhost\",\"msg\":\"\",\"portno\":80}";
        long start = System.nanoTime();
        String reply;
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port(port))) {
            s.getOutputStream().write(raw("0500" + ok));
            s.getOutputStream().flush();
            assertServesHostQuickly(); // while the slow sender is still connected
            s.setSoTimeout(10_000);
            reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        record(
                port,
                "header 0500, " + ok.length() + " bytes, then silence (connection kept open)",
                reply + " after " + millis + " ms");
        assertTrue(reply.contains("no complete frame before the read deadline"), reply);
        assertTrue(millis < 5_000, "cut off by the 1 s readtimeout: " + millis + " ms");
        assertServesHostQuickly();
        assertWarned(port, "deadline");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Port.class)
    void aLengthLargerThanTheDataFollowedByEofIsRefused(Port port) throws Exception {
        String ok = "{\"cmd\":\"HOST\",\"id\":\"localhost\",\"msg\":\"\",\"portno\":80}";
        String reply = Wire.exchange(port(port), raw("9999" + ok));
        record(port, "header 9999, " + ok.length() + " bytes, then EOF", reply);
        assertTrue(reply.contains("connection closed after " + ok.length() + " of 9999 payload bytes"), reply);
        assertServesHostQuickly();
        assertWarned(port, "");
    }

    // ---------------------------------------------------------------- connections that never send

    @ParameterizedTest(name = "{0}")
    @EnumSource(Port.class)
    void aClientThatConnectsAndNeverSendsIsCutOffAndBlocksNobody(Port port) throws Exception {
        long start = System.nanoTime();
        String reply;
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port(port))) {
            assertServesHostQuickly();
            s.setSoTimeout(10_000);
            reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        record(port, "connect, never send", reply + " after " + millis + " ms");
        assertTrue(reply.contains("no complete frame before the read deadline"), reply);
        assertTrue(millis < 5_000, "cut off by the 1 s readtimeout: " + millis + " ms");
        assertWarned(port, "deadline");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Port.class)
    void fiveHundredConnectionsOpenedAtOnceAndLeftIdle(Port port) throws Exception {
        List<Socket> idle = new ArrayList<>();
        String outcome;
        long start = System.nanoTime();
        try {
            for (int i = 0; i < 500; i++) {
                idle.add(new Socket(InetAddress.getLoopbackAddress(), port(port)));
            }
            // The connection limit (maxconnections, 256) is per listener: a flood on the peer port (anyone on Tor)
            // never locks the local client out, so HOST must be answered while all 500 are still open. A flood
            // on the control port itself (a local program) may fill the control limit until the 1 s readtimeout
            // frees the slots: then HOST must be answered within 2 s, retrying.
            assertServesHostQuickly();
            int busy = 0;
            int cutOff = 0;
            int other = 0;
            for (Socket s : idle) {
                s.setSoTimeout(15_000);
                String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (reply.contains("too many connections (limit 256)")) {
                    busy++;
                } else if (reply.contains("no complete frame before the read deadline")) {
                    cutOff++;
                } else {
                    other++;
                }
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            outcome = "HOST answered while they were open; " + busy + " got ERR too many connections (limit 256), "
                    + cutOff + " ERR no complete frame before the read deadline, " + other
                    + " other; all answered within "
                    + millis + " ms";
            assertEquals(0, other, outcome);
            assertEquals(500, busy + cutOff, outcome);
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
        record(port, "500 connections at once, left idle", outcome);
        assertServesHostQuickly();
        assertWarned(port, "");
    }

    // ---------------------------------------------------------------- a flood from one sender (RECV rate limit)

    @org.junit.jupiter.api.Test
    void aFloodOfRecvsFromOneSenderIsRefusedOverTheRateLimit() throws Exception {
        Path dir = TestDaemon.newDataDir(tmp, "limited");
        try (TestDaemon limited = TestDaemon.start(dir, socks.address(), "recvrate: 1", "recvburst: 3")) {
            String sender = Ed25519Identity.generate().onionAddress().hostname();
            List<String> replies = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                replies.add(Wire.exchange(
                        limited.peerPort(),
                        Wire.frame("{\"cmd\":\"RECV\",\"id\":\"" + sender + "\",\"msg\":\"flood " + i
                                + "\",\"portno\":80}")));
            }
            String other = Ed25519Identity.generate().onionAddress().hostname();
            String otherReply = Wire.exchange(
                    limited.peerPort(),
                    Wire.frame("{\"cmd\":\"RECV\",\"id\":\"" + other + "\",\"msg\":\"hello\",\"portno\":80}"));
            table.put(
                    "peer :: 6 RECVs at once from one sender (recvrate 1, recvburst 3)",
                    replies.stream()
                                    .map(r -> r.contains("\"cmd\":\"END\"") ? "END" : r.substring(4))
                                    .collect(Collectors.joining(" / "))
                            + "; then another sender: "
                            + (otherReply.contains("\"cmd\":\"END\"") ? "END" : otherReply));
            for (int i = 0; i < 3; i++) {
                assertTrue(replies.get(i).contains("\"cmd\":\"END\""), "within the burst: " + replies.get(i));
            }
            for (int i = 3; i < 6; i++) {
                assertTrue(
                        replies.get(i).contains("too many messages, slow down"), "over the limit: " + replies.get(i));
            }
            assertTrue(otherReply.contains("\"cmd\":\"END\""), "another sender has its own bucket: " + otherReply);
            List<Message> history = limited.client().requestUntilEnd(Message.of(Command.HISTORY, sender, 8000, "100"));
            assertEquals("3", history.get(history.size() - 1).msg(), "only the 3 accepted are stored: " + history);
            assertTrue(limited.client().host().endsWith(".onion"));
            assertWarned(Port.PEER, "too many messages, slow down");
        }
    }

    // ---------------------------------------------------------------- helpers

    private int port(Port port) {
        return port == Port.CONTROL ? daemon.controlPort() : daemon.peerPort();
    }

    /** A normal HOST on the control port is answered within 2 s (retrying while refused connections drain). */
    private void assertServesHostQuickly() throws Exception {
        long start = System.nanoTime();
        String reply = "";
        while ((System.nanoTime() - start) / 1_000_000 < HOST_WITHIN_MILLIS) {
            reply = Wire.exchange(
                    daemon.controlPort(),
                    Wire.frame("{\"cmd\":\"HOST\",\"id\":\"localhost\",\"msg\":\"\",\"portno\":8000}"));
            if (reply.contains("\"cmd\":\"HOST\"")) {
                break;
            }
            Thread.sleep(50);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(reply.contains("\"msg\":\"" + daemon.address().hostname() + "\""), "HOST: " + reply);
        assertTrue(millis < HOST_WITHIN_MILLIS, "HOST answered after " + millis + " ms");
    }

    /** The log has a WARN line from that listener (ConnectionProcessor logs "control ..." / "peer ..."). */
    private void assertWarned(Port port, String containing) throws Exception {
        String listener = port == Port.CONTROL ? "control" : "peer";
        List<String> lines = org.torchat.daemon.testing.Await.until(
                () -> warnings(),
                l -> l.stream().anyMatch(s -> s.startsWith(listener + " ") && s.contains(containing)),
                java.time.Duration.ofSeconds(3));
        assertTrue(
                lines.stream().anyMatch(s -> s.startsWith(listener + " ") && s.contains(containing)),
                "a WARN line from the " + listener + " listener containing '" + containing + "': " + lines);
    }

    private List<String> warnings() {
        synchronized (log) {
            return log.list.stream()
                    .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                    .map(ILoggingEvent::getFormattedMessage)
                    .collect(Collectors.toList());
        }
    }

    private void record(Port port, String name, String reply) {
        table.put(port.name().toLowerCase() + " :: " + name, reply.strip().replace("\n", " "));
    }

    private byte[] forged(String name) {
        OnionAddress us = daemon.address();
        String mid = "0123456789abcdef0123456789abcdef";
        long ts = System.currentTimeMillis();
        String text = "forged";
        Ed25519Identity signer = SENDER;
        OnionAddress recipient = us;
        String claimed = S;
        OnionAddress signedSender = SENDER.onionAddress();
        if (name.contains("another key")) {
            signer = IMPOSTOR; // a valid signature by IMPOSTOR for IMPOSTOR's address, in a frame claiming S
            signedSender = IMPOSTOR.onionAddress();
        }
        if (name.contains("another recipient")) {
            recipient = OTHER_RECIPIENT.onionAddress();
        }
        String sig = MessageSignatures.toBase64(
                MessageSignatures.sign(signer, new SignedFields(signedSender, recipient, mid, ts, text)));
        if (name.contains("text altered")) {
            text = "forgeD";
        }
        if (name.contains("ts altered")) {
            ts += 1;
        }
        if (name.contains("mid altered")) {
            mid = "0123456789abcdef0123456789abcdee";
        }
        if (name.contains("all-zero")) {
            sig = Base64.getEncoder().encodeToString(new byte[64]);
        }
        if (name.contains("not base64")) {
            sig = "!!!!";
        }
        if (name.contains("v2 id")) {
            claimed = "bobbobbobbobbob2.onion";
        }
        if (name.contains("not an onion")) {
            claimed = "example.com";
        }
        String fields = name.contains("without mid/ts") ? "" : ",\"mid\":\"" + mid + "\",\"ts\":" + ts;
        return Wire.frame("{\"cmd\":\"RECV\",\"id\":\"" + claimed + "\"" + fields + ",\"msg\":\"" + text
                + "\",\"portno\":80,\"proto\":2,\"sig\":\"" + sig + "\"}");
    }

    private static void add(List<Arguments> cases, Port port, String name, byte[] input, String expected) {
        cases.add(Arguments.of(port, name, input, expected));
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static String without(String json, String field) {
        return json.replaceAll(",?\"" + field + "\":(\"[^\"]*\"|\\d+)", "").replace("{,", "{");
    }

    private static String with(String json, String field, String value) {
        String replaced = json.replaceAll(
                "\"" + field + "\":(\"[^\"]*\"|\\d+)", "\"" + field + "\":" + value.replace("\\", "\\\\"));
        return replaced.equals(json) ? json.replace("}", ",\"" + field + "\":" + value + "}") : replaced;
    }

    private static byte[] raw(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] replaceQuestionMark(String json, byte replacement) {
        byte[] frame = Wire.frame(json);
        for (int i = 4; i < frame.length; i++) {
            if (frame[i] == '?') {
                frame[i] = replacement;
            }
        }
        return frame;
    }

    private static byte[] overlong(String json) {
        return withBytes(json.replace("hi", "h??"), new byte[] {(byte) 0xC0, (byte) 0x80});
    }

    private static byte[] surrogateBytes(String json) {
        return withBytes(json.replace("hi", "h???"), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
    }

    private static byte[] withBytes(String json, byte[] bytes) {
        byte[] frame = Wire.frame(json);
        int k = 0;
        for (int i = 4; i < frame.length && k < bytes.length; i++) {
            if (frame[i] == '?') {
                frame[i] = bytes[k++];
            }
        }
        return frame;
    }

    private static byte[] garbage(int length) {
        byte[] frame = new byte[4 + length];
        System.arraycopy(String.format("%04d", length).getBytes(StandardCharsets.US_ASCII), 0, frame, 0, 4);
        Random random = new Random(42);
        for (int i = 4; i < frame.length; i++) {
            frame[i] = (byte) ('!' + random.nextInt(90));
        }
        return frame;
    }

    private static byte[] binaryGarbage(int length) {
        byte[] frame = new byte[4 + length];
        System.arraycopy(String.format("%04d", length).getBytes(StandardCharsets.US_ASCII), 0, frame, 0, 4);
        Random random = new Random(7);
        for (int i = 4; i < frame.length; i++) {
            frame[i] = (byte) random.nextInt(256);
        }
        return frame;
    }

    @SuppressWarnings("unused")
    private static void unused(InputStream in, OutputStream out) throws IOException {
        // keeps imports honest for editors; never called
    }
}
