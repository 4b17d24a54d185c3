package org.torchat.daemon.delivery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.torchat.protocol.identity.Ed25519Identity;

class Socks5HandshakeTest {
    private static final String ONION =
            Ed25519Identity.generate().onionAddress().hostname();
    private static final byte[] METHOD_NO_AUTH = {5, 0};
    private static final byte[] SUCCESS_IPV4 = {5, 0, 0, 1, 127, 0, 0, 1, 0x1f, (byte) 0x90};
    private static final byte[] AFTER = "0064{\"cmd\":\"END\"}".getBytes(StandardCharsets.US_ASCII);

    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    /** What a correct client sends for a CONNECT to {@code host:port}, written out by hand. */
    private static byte[] expectedRequest(String host, int port) {
        byte[] name = host.getBytes(StandardCharsets.US_ASCII);
        return concat(bytes(5, 1, 0), bytes(5, 1, 0, 3, name.length), name, bytes(port >> 8, port & 0xff));
    }

    @Test
    void sendsGreetingThenConnectByDomainName() throws Exception {
        ByteArrayInputStream in = new ByteArrayInputStream(concat(METHOD_NO_AUTH, SUCCESS_IPV4));

        Socks5Handshake.connect(in, sent, ONION, 80);

        byte[] out = sent.toByteArray();
        assertArrayEquals(bytes(5, 1, 0), Arrays.copyOfRange(out, 0, 3), "greeting: version 5, one method, no auth");
        assertArrayEquals(bytes(5, 1, 0, 3, 62), Arrays.copyOfRange(out, 3, 8), "CONNECT, ATYP 3, name length 62");
        assertEquals(ONION, new String(out, 8, 62, StandardCharsets.US_ASCII), "the onion name itself, unresolved");
        assertArrayEquals(bytes(0, 80), Arrays.copyOfRange(out, 70, 72), "port 80, big-endian");
        assertEquals(72, out.length);
    }

    @Test
    void anIsolationTagIsOfferedAsUsernameAndPasswordAndSentWhenTheProxyChoosesIt() throws Exception {
        ByteArrayInputStream in = new ByteArrayInputStream(concat(bytes(5, 2), bytes(1, 0), SUCCESS_IPV4));

        Socks5Handshake.connect(in, sent, ONION, 80, "files");

        byte[] tag = "files".getBytes(StandardCharsets.US_ASCII);
        byte[] name = ONION.getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(
                concat(
                        bytes(5, 2, 0, 2),
                        bytes(1, 5),
                        tag,
                        bytes(5),
                        tag,
                        bytes(5, 1, 0, 3, name.length),
                        name,
                        bytes(0, 80)),
                sent.toByteArray(),
                "greeting with no auth and username/password, RFC 1929 with the tag twice, then CONNECT");
    }

    @Test
    void aProxyThatDoesNotAuthenticateStillConnectsAStreamWithATag() throws Exception {
        Socks5Handshake.connect(
                new ByteArrayInputStream(concat(METHOD_NO_AUTH, SUCCESS_IPV4)), sent, ONION, 80, "files");

        byte[] out = sent.toByteArray();
        assertArrayEquals(bytes(5, 2, 0, 2, 5, 1, 0, 3), Arrays.copyOfRange(out, 0, 8), "no RFC 1929 step");
    }

    @Test
    void aRefusedUsernameAndPasswordIsAClearFailure() {
        DeliveryException e = assertThrows(
                DeliveryException.class,
                () -> Socks5Handshake.connect(
                        new ByteArrayInputStream(concat(bytes(5, 2), bytes(1, 1))), sent, ONION, 80, "files"));
        assertTrue(e.getMessage().contains("refused the username and password"), e.getMessage());
        DeliveryException unasked = assertThrows(
                DeliveryException.class,
                () -> Socks5Handshake.connect(
                        new ByteArrayInputStream(concat(bytes(5, 2), bytes(1, 0), SUCCESS_IPV4)), sent, ONION, 80));
        assertTrue(unasked.getMessage().contains("wants authentication method 2"), unasked.getMessage());
    }

    @Test
    void aHighPortIsSentBigEndian() throws Exception {
        Socks5Handshake.connect(new ByteArrayInputStream(concat(METHOD_NO_AUTH, SUCCESS_IPV4)), sent, ONION, 0xABCD);

        assertArrayEquals(expectedRequest(ONION, 0xABCD), sent.toByteArray());
        byte[] out = sent.toByteArray();
        assertEquals((byte) 0xAB, out[out.length - 2]);
        assertEquals((byte) 0xCD, out[out.length - 1]);
    }

    @Test
    void aNameThatLooksLikeAnAddressIsStillSentAsAName() throws Exception {
        Socks5Handshake.connect(new ByteArrayInputStream(concat(METHOD_NO_AUTH, SUCCESS_IPV4)), sent, "127.0.0.1", 80);

        assertArrayEquals(expectedRequest("127.0.0.1", 80), sent.toByteArray());
    }

    @Test
    void theConnectIsNotSentBeforeTheProxyChoseAMethod() {
        // The proxy answers nothing at all: only the greeting may have gone out.
        assertThrows(
                Exception.class, () -> Socks5Handshake.connect(new ByteArrayInputStream(new byte[0]), sent, ONION, 80));

        assertArrayEquals(bytes(5, 1, 0), sent.toByteArray());
    }

    @Test
    void ipv4BoundAddressIsConsumedExactly() throws Exception {
        assertConsumedExactly(SUCCESS_IPV4);
    }

    @Test
    void ipv6BoundAddressIsConsumedExactly() throws Exception {
        byte[] reply = concat(bytes(5, 0, 0, 4), new byte[15], bytes(1), bytes(0x23, 0x82));
        assertEquals(22, reply.length);
        assertConsumedExactly(reply);
    }

    @Test
    void domainBoundAddressIsConsumedExactly() throws Exception {
        byte[] name = "proxy.example".getBytes(StandardCharsets.US_ASCII);
        assertConsumedExactly(concat(bytes(5, 0, 0, 3, name.length), name, bytes(0, 80)));
    }

    @Test
    void anEmptyDomainBoundAddressIsConsumedExactly() throws Exception {
        assertConsumedExactly(bytes(5, 0, 0, 3, 0, 0, 0));
    }

    private void assertConsumedExactly(byte[] successReply) throws Exception {
        ByteArrayInputStream in = new ByteArrayInputStream(concat(METHOD_NO_AUTH, successReply, AFTER));

        Socks5Handshake.connect(in, sent, ONION, 80);

        assertArrayEquals(AFTER, in.readAllBytes(), "the bytes after the reply belong to the peer and stay unread");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "1   | general SOCKS server failure",
                "2   | connection not allowed by ruleset",
                "3   | network unreachable",
                "4   | host unreachable",
                "5   | connection refused",
                "6   | TTL expired",
                "7   | command not supported",
                "8   | address type not supported",
                "240 | onion service descriptor not found",
                "241 | onion service descriptor is invalid",
                "242 | onion service introduction failed",
                "243 | onion service rendezvous failed",
                "244 | onion service requires client authorization",
                "245 | onion service client authorization is wrong",
                "246 | onion address is invalid",
                "247 | onion service introduction timed out",
                "9   | unknown failure",
                "255 | unknown failure",
            })
    void eachFailureReplyIsADeliveryExceptionSayingWhy(int code, String reason) {
        ByteArrayInputStream in =
                new ByteArrayInputStream(concat(METHOD_NO_AUTH, bytes(5, code, 0, 1, 0, 0, 0, 0, 0, 0)));

        DeliveryException e = assertThrows(DeliveryException.class, () -> Socks5Handshake.connect(in, sent, ONION, 80));

        assertTrue(e.getMessage().startsWith("SOCKS5 reply " + code + ": " + reason), e.getMessage());
    }

    @Test
    void descriptorNotFoundTellsTheUserWhatItMeans() {
        assertEquals(
                "SOCKS5 reply 240: onion service descriptor not found (the peer is offline or the address is wrong)",
                Socks5Handshake.describe(0xF0));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 0xFF})
    void aProxyThatWantsAuthenticationIsRefused(int method) {
        ByteArrayInputStream in = new ByteArrayInputStream(concat(bytes(5, method), SUCCESS_IPV4));

        DeliveryException e = assertThrows(DeliveryException.class, () -> Socks5Handshake.connect(in, sent, ONION, 80));

        assertTrue(e.getMessage().contains("authentication method " + method), e.getMessage());
        assertArrayEquals(bytes(5, 1, 0), sent.toByteArray(), "no CONNECT after a refused method");
    }

    @Test
    void aProxyThatIsNotSocks5IsRefused() {
        ByteArrayInputStream in = new ByteArrayInputStream(concat(bytes(4, 0), SUCCESS_IPV4));

        DeliveryException e = assertThrows(DeliveryException.class, () -> Socks5Handshake.connect(in, sent, ONION, 80));

        assertTrue(e.getMessage().contains("not SOCKS5"), e.getMessage());
    }

    @Test
    void aConnectReplyWithTheWrongVersionIsRefused() {
        ByteArrayInputStream in = new ByteArrayInputStream(concat(METHOD_NO_AUTH, bytes(4, 0, 0, 1, 0, 0, 0, 0, 0, 0)));

        DeliveryException e = assertThrows(DeliveryException.class, () -> Socks5Handshake.connect(in, sent, ONION, 80));

        assertTrue(e.getMessage().contains("version 4"), e.getMessage());
    }

    @Test
    void anUnknownBoundAddressTypeIsRefused() {
        ByteArrayInputStream in = new ByteArrayInputStream(concat(METHOD_NO_AUTH, bytes(5, 0, 0, 9, 0, 0, 0, 0, 0, 0)));

        DeliveryException e = assertThrows(DeliveryException.class, () -> Socks5Handshake.connect(in, sent, ONION, 80));

        assertTrue(e.getMessage().contains("unknown address type 9"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 6, 9})
    void endOfStreamDuringTheConnectReplyIsADeliveryException(int replyBytes) {
        assertClosedDuringReply(concat(METHOD_NO_AUTH, Arrays.copyOf(SUCCESS_IPV4, replyBytes)));
    }

    @Test
    void endOfStreamInsideADomainBoundAddressIsADeliveryException() {
        // announces a 5-byte name, then the proxy goes away after 1 of them
        assertClosedDuringReply(concat(METHOD_NO_AUTH, bytes(5, 0, 0, 3, 5, 'a')));
    }

    private void assertClosedDuringReply(byte[] proxyBytes) {
        ByteArrayInputStream in = new ByteArrayInputStream(proxyBytes);

        DeliveryException e = assertThrows(DeliveryException.class, () -> Socks5Handshake.connect(in, sent, ONION, 80));

        assertTrue(e.getMessage().contains("closed the connection"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void endOfStreamDuringTheMethodReplyIsADeliveryException(int replyBytes) {
        ByteArrayInputStream in = new ByteArrayInputStream(Arrays.copyOf(METHOD_NO_AUTH, replyBytes));

        DeliveryException e = assertThrows(DeliveryException.class, () -> Socks5Handshake.connect(in, sent, ONION, 80));

        assertTrue(e.getMessage().contains("closed the connection"), e.getMessage());
    }

    @Test
    void aNameLongerThan255BytesIsRefusedBeforeAnythingIsSent() {
        String longName = "a".repeat(250) + ".onion";

        DeliveryException e = assertThrows(
                DeliveryException.class,
                () -> Socks5Handshake.connect(new ByteArrayInputStream(new byte[0]), sent, longName, 80));

        assertTrue(e.getMessage().contains("256 bytes"), e.getMessage());
        assertEquals(0, sent.size());
    }

    @Test
    void aNameOfExactly255BytesIsSent() {
        String name = "a".repeat(249) + ".onion";

        assertDoesNotThrow(() -> Socks5Handshake.connect(
                new ByteArrayInputStream(concat(METHOD_NO_AUTH, SUCCESS_IPV4)), sent, name, 80));

        assertArrayEquals(expectedRequest(name, 80), sent.toByteArray());
        assertEquals((byte) 255, sent.toByteArray()[7]);
    }
}
