package org.torchat.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.torchat.daemon.testing.TestDaemon;
import org.torchat.daemon.testing.TestSocks5Server;
import org.torchat.daemon.testing.Wire;
import org.torchat.protocol.identity.Ed25519Identity;

/**
 * Every malformed input of the C daemon's transcripts (which crashed or hung it) gets an ERR naming the problem,
 * and the daemon goes on serving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedInputIT {
    private static final String HOST = "{\"id\":\"localhost\",\"portno\":8000,\"msg\":\"\",\"cmd\":\"HOST\"}";

    @TempDir
    static Path tmp;

    private TestSocks5Server socks;
    private TestDaemon daemon;

    @BeforeAll
    void start() throws Exception {
        socks = new TestSocks5Server();
        daemon = TestDaemon.start(tmp, socks.address(), "readtimeout: 1000", "maxconnections: 32");
    }

    @AfterAll
    void stop() throws Exception {
        daemon.close();
        socks.close();
    }

    static Stream<Arguments> malformed() {
        String v3 = Ed25519Identity.generate().onionAddress().hostname();
        return Stream.of(
                bad("JSON without any header", raw(HOST), "frame header must be 4 ASCII digits"),
                bad("non-digit header", raw("ABCD" + HOST), "frame header must be 4 ASCII digits, got \\\"ABCD\\\""),
                bad("space-padded header", raw(" 54" + HOST), "frame header must be 4 ASCII digits"),
                bad("3-digit header", raw("054" + HOST), "frame header must be 4 ASCII digits"),
                bad("header 0000", raw("0000"), "frame length 0000"),
                bad("header smaller than the JSON", raw("0020" + HOST), "payload is not valid JSON"),
                bad(
                        "header larger than the data, then EOF",
                        raw("0099" + HOST),
                        "connection closed after 54 of 99 payload bytes"),
                bad("not JSON", raw("0016this is not json"), "payload is not valid JSON"),
                bad(
                        "trailing garbage",
                        Wire.frame("{\"cmd\":\"HOST\",\"id\":\"x\",\"msg\":\"\",\"portno\":1}xyz"),
                        "payload is not valid JSON"),
                bad(
                        "NUL then garbage",
                        Wire.frame("{\"cmd\":\"HOST\",\"id\":\"x\",\"msg\":\"\",\"portno\":1}\u0000GARBAGE"),
                        "payload is not valid JSON"),
                bad("invalid UTF-8", invalidUtf8(), "not valid UTF-8"),
                bad("9999 bytes of garbage", garbage(9999), "payload is not valid JSON"),
                bad("top-level array", Wire.frame("[1,2]"), "must be a JSON object"),
                bad(
                        "without id",
                        Wire.frame("{\"portno\":8000,\"msg\":\"\",\"cmd\":\"HOST\"}"),
                        "field 'id' is missing"),
                bad(
                        "without msg",
                        Wire.frame("{\"id\":\"localhost\",\"portno\":8000,\"cmd\":\"HOST\"}"),
                        "field 'msg' is missing"),
                bad(
                        "without portno",
                        Wire.frame("{\"id\":\"localhost\",\"msg\":\"\",\"cmd\":\"HOST\"}"),
                        "field 'portno' is missing"),
                bad(
                        "without cmd",
                        Wire.frame("{\"id\":\"localhost\",\"portno\":8000,\"msg\":\"\"}"),
                        "field 'cmd' is missing"),
                bad(
                        "portno as a string",
                        Wire.frame("{\"id\":\"localhost\",\"portno\":\"80\",\"msg\":\"\",\"cmd\":\"HOST\"}"),
                        "field 'portno' must be an integer"),
                bad(
                        "portno as a float",
                        Wire.frame("{\"id\":\"localhost\",\"portno\":80.9,\"msg\":\"\",\"cmd\":\"HOST\"}"),
                        "field 'portno' must be an integer"),
                bad(
                        "huge portno",
                        Wire.frame("{\"id\":\"localhost\",\"portno\":99999999999999,\"msg\":\"\",\"cmd\":\"HOST\"}"),
                        "field 'portno' is out of range"),
                bad(
                        "msg as a number",
                        Wire.frame("{\"id\":\"localhost\",\"portno\":1,\"msg\":5,\"cmd\":\"HOST\"}"),
                        "field 'msg' must be a string"),
                bad(
                        "id null",
                        Wire.frame("{\"id\":null,\"portno\":1,\"msg\":\"\",\"cmd\":\"HOST\"}"),
                        "field 'id' must be a string, got null"),
                bad(
                        "date as a number",
                        Wire.frame("{\"id\":\"localhost\",\"portno\":1,\"msg\":\"\",\"cmd\":\"HOST\",\"date\":5}"),
                        "field 'date' must be a string"),
                bad(
                        "cmd FOO",
                        Wire.frame("{\"id\":\"localhost\",\"portno\":8000,\"msg\":\"\",\"cmd\":\"FOO\"}"),
                        "unknown command 'FOO'"),
                bad(
                        "cmd host (lowercase)",
                        Wire.frame("{\"id\":\"localhost\",\"portno\":8000,\"msg\":\"\",\"cmd\":\"host\"}"),
                        "unknown command 'host'"),
                bad(
                        "cmd END",
                        Wire.frame("{\"id\":\"localhost\",\"portno\":8000,\"msg\":\"\",\"cmd\":\"END\"}"),
                        "END is a reply, not a request"),
                bad(
                        "cmd ERR",
                        Wire.frame("{\"id\":\"localhost\",\"portno\":8000,\"msg\":\"\",\"cmd\":\"ERR\"}"),
                        "ERR is a reply, not a request"),
                bad(
                        "UPDATE of a v2 address",
                        Wire.frame(
                                "{\"id\":\"localhost\",\"portno\":8000,\"msg\":\"bobbobbobbobbob2.onion\",\"cmd\":\"UPDATE\"}"),
                        "v2 onion services are no longer supported"),
                bad(
                        "SEND to port 0",
                        Wire.frame("{\"id\":\"" + v3 + "\",\"portno\":0,\"msg\":\"hi\",\"cmd\":\"SEND\"}"),
                        "field 'portno' must be a port number"),
                bad(
                        "SEND that fits but whose RECV frame would not",
                        Wire.frame(sendOfExactly(9999, v3)),
                        "message too long"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void isAnsweredWithErrAndTheDaemonKeepsServing(String name, byte[] input, String expected) throws Exception {
        String reply = Wire.exchange(daemon.controlPort(), input);
        assertTrue(reply.contains("\"cmd\":\"ERR\""), name + ": " + reply);
        assertTrue(reply.contains(expected), name + ": expected '" + expected + "' in " + reply);
        assertServing();
    }

    @Test
    void anIncompleteFrameFollowedBySilenceIsCutOffAtTheDeadline() throws Exception {
        long start = System.nanoTime();
        String reply = Wire.exchangeWithoutClosing(daemon.controlPort(), raw("0054" + HOST.substring(0, 20)), 10_000);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(reply.contains("no complete frame before the read deadline"), reply);
        assertTrue(millis < 9_000, "cut off by the 1 s deadline, not by our 10 s wait: " + millis + " ms");
        assertServing();
    }

    @Test
    void aClientThatConnectsAndNeverSendsDoesNotBlockOthers() throws Exception {
        try (Socket idle = new Socket(InetAddress.getLoopbackAddress(), daemon.controlPort())) {
            assertServing();
        }
    }

    @Test
    void manyIdleConnectionsDoNotStopTheDaemon() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                idle.add(new Socket(InetAddress.getLoopbackAddress(), daemon.controlPort()));
            }
            assertServing();
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
    }

    @Test
    void connectionsThatSendNothingAreClosedToMakeRoomForOneThatSendsItsRequest() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                idle.add(new Socket(InetAddress.getLoopbackAddress(), daemon.controlPort()));
            }
            String served = Wire.exchange(daemon.controlPort(), Wire.frame(HOST));
            assertTrue(served.contains("\"cmd\":\"HOST\""), served);
            idle.get(0).setSoTimeout(2000);
            idle.get(0).setSoTimeout(5000);
            String evicted =
                    new String(idle.get(0).getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(
                    evicted.contains("no complete frame before the read deadline"),
                    "the oldest idle connection was told why and closed: " + evicted);
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
    }

    @Test
    void whenEveryConnectionIsBusyWithARequestANewOneGetsErrAndTheDaemonRecovers() throws Exception {
        List<Socket> waiting = new ArrayList<>();
        String longPoll = "{\"id\":\"localhost\",\"portno\":8000,\"msg\":\"\",\"cmd\":\"GET_PEERS\",\"wait\":8000}";
        try {
            for (int i = 0; i < 32; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), daemon.controlPort());
                s.getOutputStream().write(Wire.frame(longPoll));
                waiting.add(s);
            }
            org.torchat.daemon.testing.Await.until(() -> daemon.daemon().waitingRequests(), n -> n == 32);
            String refused = Wire.exchange(daemon.controlPort(), Wire.frame(HOST));
            assertTrue(refused.contains("too many connections (limit 32)"), refused);
        } finally {
            for (Socket s : waiting) {
                s.close();
            }
        }
        // The waiting requests end when their clients are gone; then the daemon serves again.
        long deadline = System.currentTimeMillis() + 20_000;
        String reply;
        do {
            Thread.sleep(100);
            reply = Wire.exchange(daemon.controlPort(), Wire.frame(HOST));
        } while (!reply.contains("\"cmd\":\"HOST\"") && System.currentTimeMillis() < deadline);
        assertTrue(reply.contains("\"cmd\":\"HOST\""), reply);
    }

    @Test
    void aV3SenderAndFormatStringsAreStoredIntact() throws Exception {
        String v3 = Ed25519Identity.generate().onionAddress().hostname();
        String text = "%s%s%s%s%s%s%s%s%s%s%s%s %x.%x";
        String reply = Wire.exchange(
                daemon.peerPort(),
                Wire.frame("{\"id\": \"" + v3 + "\", \"portno\": 80, \"date\": \"18:58:54 2026\", \"msg\": \"" + text
                        + "\", \"cmd\": \"RECV\"}"));
        assertTrue(reply.contains("\"cmd\":\"END\""), reply);
        assertEquals(text, daemon.client().update(v3).orElseThrow().msg());
    }

    private void assertServing() throws Exception {
        assertEquals(daemon.address().hostname(), daemon.client().host());
    }

    /** A SEND request of exactly {@code size} bytes: the RECV frame built from it adds a date and is larger. */
    private static String sendOfExactly(int size, String peer) {
        String empty = "{\"id\":\"" + peer + "\",\"portno\":80,\"msg\":\"\",\"cmd\":\"SEND\"}";
        String text = "x".repeat(size - empty.length());
        return "{\"id\":\"" + peer + "\",\"portno\":80,\"msg\":\"" + text + "\",\"cmd\":\"SEND\"}";
    }

    private static Arguments bad(String name, byte[] input, String expected) {
        return Arguments.of(name, input, expected);
    }

    private static byte[] raw(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] invalidUtf8() {
        byte[] frame = Wire.frame("{\"id\":\"x\",\"portno\":80,\"msg\":\"bad ? byte\",\"cmd\":\"HOST\"}");
        for (int i = 0; i < frame.length; i++) {
            if (frame[i] == '?') {
                frame[i] = (byte) 0xff;
            }
        }
        return frame;
    }

    private static byte[] garbage(int length) {
        byte[] frame = new byte[4 + length];
        System.arraycopy(String.format("%04d", length).getBytes(StandardCharsets.US_ASCII), 0, frame, 0, 4);
        java.util.Random random = new java.util.Random(42);
        for (int i = 4; i < frame.length; i++) {
            frame[i] = (byte) ('!' + random.nextInt(90));
        }
        return frame;
    }
}
