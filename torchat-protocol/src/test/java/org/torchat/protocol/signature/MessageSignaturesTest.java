package org.torchat.protocol.signature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;

class MessageSignaturesTest {
    private static final HexFormat HEX = HexFormat.of();
    /** RFC 8032 section 7.1 TEST 1 and TEST 2 secret keys: fixed identities for the golden vector. */
    private static final Ed25519Identity ALICE =
            Ed25519Identity.fromSeed(HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));

    private static final Ed25519Identity BOB =
            Ed25519Identity.fromSeed(HEX.parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"));
    private static final Ed25519Identity MALLORY = Ed25519Identity.generate();
    private static final String MID = "0123456789abcdef0123456789abcdef";
    private static final long TS = 1764097020000L;
    private static final String TEXT = "hello \u00e9\u2713";

    private static final SignedFields GOLDEN =
            new SignedFields(ALICE.onionAddress(), BOB.onionAddress(), MID, TS, TEXT);

    /** The golden encoding, as docs/PROTOCOL.md shows it (computed with Python's struct and hashlib). */
    private static final String GOLDEN_HEX = "00000012" + "746f72636861742d6d6573736167652d7632"
            + "00000002"
            + "0000003e"
            + "32356e6a71616d637765666c70766b6c37336a34737a61686869686f63347874336b7463676a6e7061696e67723579686b656e6c357369642e6f6e696f6e"
            + "0000003e"
            + "6876616270713769696f657676657678626b74753267333678736f6a716c67706633636a6e6467617a766b37636b78756d7967636d7979642e6f6e696f6e"
            + "00000020" + "3031323334353637383961626364656630313233343536373839616263646566"
            + "0000019abc605060"
            + "0000000b" + "68656c6c6f20c3a9e29c93";

    /** The golden encoding signed by ALICE, computed independently with pyca/cryptography's Ed25519. */
    private static final String GOLDEN_SIGNATURE_HEX =
            "5274d91d4cd442694bfe2a2eff1cec3c843564cf66009d8e3bbea71f1a0e34d8"
                    + "8b7c454a873b00d90417083f9d09132edc6645d9fadfc340228dbb9e3164c400";

    @Test
    void theAddressesOfTheGoldenVectorAreTheRfcKeysAddresses() throws Exception {
        // Computed from the RFC 8032 public keys with Python: base32(pk || sha3_256(".onion checksum" || pk || 3)[:2]
        // || 3).
        assertEquals(
                "25njqamcweflpvkl73j4szahhihoc4xt3ktcgjnpaingr5yhkenl5sid.onion",
                ALICE.onionAddress().hostname());
        assertEquals(
                "hvabpq7iioevvevxbktu2g36xsojqlgpf3cjndgazvk7ckxumygcmyyd.onion",
                BOB.onionAddress().hostname());
        assertArrayEquals(
                ALICE.publicKey(),
                OnionAddress.parse(ALICE.onionAddress().hostname()).publicKey());
    }

    @Test
    void theEncodingIsTheDocumentedLayoutBuiltByHand() {
        byte[] label = "torchat-message-v2".getBytes(StandardCharsets.US_ASCII);
        byte[] sender = GOLDEN.sender().hostname().getBytes(StandardCharsets.US_ASCII);
        byte[] recipient = GOLDEN.recipient().hostname().getBytes(StandardCharsets.US_ASCII);
        byte[] mid = MID.getBytes(StandardCharsets.US_ASCII);
        // "hello " then U+00E9 (C3 A9) then U+2713 (E2 9C 93), written out byte by byte.
        byte[] text = {'h', 'e', 'l', 'l', 'o', ' ', (byte) 0xc3, (byte) 0xa9, (byte) 0xe2, (byte) 0x9c, (byte) 0x93};
        ByteBuffer expected = ByteBuffer.allocate(
                4 + label.length + 4 + 4 + sender.length + 4 + recipient.length + 4 + mid.length + 8 + 4 + text.length);
        expected.putInt(label.length)
                .put(label)
                .putInt(2)
                .putInt(sender.length)
                .put(sender)
                .putInt(recipient.length)
                .put(recipient)
                .putInt(mid.length)
                .put(mid)
                .putLong(TS)
                .putInt(text.length)
                .put(text);

        byte[] encoded = MessageSignatures.encode(GOLDEN);

        assertEquals(0, expected.remaining(), "the hand-built buffer is exactly full");
        assertEquals(HEX.formatHex(expected.array()), HEX.formatHex(encoded));
        assertEquals(GOLDEN_HEX, HEX.formatHex(encoded));
        assertEquals(62, sender.length);
        assertEquals(217, encoded.length);
    }

    @Test
    void theGoldenSignatureIsStable() {
        byte[] signature = MessageSignatures.sign(ALICE, GOLDEN);

        assertEquals(GOLDEN_SIGNATURE_HEX, HEX.formatHex(signature));
        assertTrue(
                Ed25519Identity.verify(ALICE.publicKey(), HEX.parseHex(GOLDEN_HEX), signature),
                "a plain Ed25519 signature of the encoding, nothing more");
        assertTrue(MessageSignatures.verify(GOLDEN, signature));
    }

    @Test
    void aSignatureVerifiesUnderTheSignersAddressOnly() {
        SignedFields fields = new SignedFields(MALLORY.onionAddress(), BOB.onionAddress(), MID, TS, "hi");
        byte[] signature = MessageSignatures.sign(MALLORY, fields);

        assertTrue(MessageSignatures.verify(fields, signature));
        assertFalse(
                MessageSignatures.verify(
                        new SignedFields(ALICE.onionAddress(), BOB.onionAddress(), MID, TS, "hi"), signature),
                "the same bytes claimed by another sender");
    }

    @Test
    void nobodyCanSignInAnotherName() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> MessageSignatures.sign(MALLORY, GOLDEN));

        assertTrue(e.getMessage().contains(ALICE.onionAddress().hostname()), e.getMessage());
    }

    static Stream<Arguments> changes() {
        OnionAddress other = Ed25519Identity.generate().onionAddress();
        return Stream.of(
                arguments("sender", (UnaryOperator<SignedFields>)
                        f -> new SignedFields(other, f.recipient(), f.messageId(), f.timestamp(), f.text())),
                arguments("recipient", (UnaryOperator<SignedFields>)
                        f -> new SignedFields(f.sender(), other, f.messageId(), f.timestamp(), f.text())),
                arguments("message id", (UnaryOperator<SignedFields>) f -> new SignedFields(
                        f.sender(), f.recipient(), f.messageId().replace('0', '1'), f.timestamp(), f.text())),
                arguments("timestamp", (UnaryOperator<SignedFields>)
                        f -> new SignedFields(f.sender(), f.recipient(), f.messageId(), f.timestamp() + 1, f.text())),
                arguments("timestamp, far", (UnaryOperator<SignedFields>) f -> new SignedFields(
                        f.sender(), f.recipient(), f.messageId(), f.timestamp() ^ Long.MIN_VALUE, f.text())),
                arguments("text", (UnaryOperator<SignedFields>)
                        f -> new SignedFields(f.sender(), f.recipient(), f.messageId(), f.timestamp(), f.text() + " ")),
                arguments("text, one letter", (UnaryOperator<SignedFields>) f -> new SignedFields(
                        f.sender(), f.recipient(), f.messageId(), f.timestamp(), "jello \u00e9\u2713")),
                arguments("text, emptied", (UnaryOperator<SignedFields>)
                        f -> new SignedFields(f.sender(), f.recipient(), f.messageId(), f.timestamp(), "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void anyChangedFieldFailsVerification(String what, UnaryOperator<SignedFields> change) {
        byte[] signature = MessageSignatures.sign(ALICE, GOLDEN);
        SignedFields changed = change.apply(GOLDEN);

        assertFalse(Arrays.equals(MessageSignatures.encode(GOLDEN), MessageSignatures.encode(changed)));
        assertFalse(MessageSignatures.verify(changed, signature), what);
        assertTrue(MessageSignatures.verify(GOLDEN, signature));
    }

    @Test
    void aChangedSignatureFails() {
        byte[] signature = MessageSignatures.sign(ALICE, GOLDEN);
        for (int i = 0; i < signature.length; i++) {
            byte[] flipped = signature.clone();
            flipped[i] ^= 1;
            assertFalse(MessageSignatures.verify(GOLDEN, flipped), "bit flipped in byte " + i);
        }
        assertFalse(MessageSignatures.verify(GOLDEN, Arrays.copyOf(signature, 63)));
        assertFalse(MessageSignatures.verify(GOLDEN, Arrays.copyOf(signature, 65)));
        assertFalse(MessageSignatures.verify(GOLDEN, new byte[64]));
        assertFalse(MessageSignatures.verify(GOLDEN, null));
    }

    /** Pairs of field tuples that a plain concatenation of the fields would encode alike. */
    static Stream<Arguments> adjacentFieldShifts() {
        return Stream.of(
                arguments(
                        "last byte of the id moved into the text",
                        fields(MID + "x", TS, "hello"),
                        fields(MID, TS, "xhello")),
                arguments(
                        "first byte of the text moved into the id",
                        fields(MID, TS, "hello"),
                        fields(MID + "h", TS, "ello")),
                arguments(
                        "text that looks like a length prefix",
                        fields(MID, TS, "\u0000\u0000\u0000\u0001a"),
                        fields(MID + "\u0000\u0000\u0000\u0001", TS, "a")),
                arguments("empty text against a longer id", fields(MID + "ab", TS, ""), fields(MID, TS, "ab")));
    }

    private static SignedFields fields(String mid, long ts, String text) {
        return new SignedFields(ALICE.onionAddress(), BOB.onionAddress(), mid, ts, text);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adjacentFieldShifts")
    void movingBytesBetweenAdjacentFieldsChangesTheEncoding(String what, SignedFields a, SignedFields b) {
        assertFalse(Arrays.equals(MessageSignatures.encode(a), MessageSignatures.encode(b)), what);
        assertFalse(MessageSignatures.verify(b, MessageSignatures.sign(ALICE, a)), what);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "hello", "\u0000\u0000\u0000\u0005hello", "\uD83D\uDE00 emoji", "x\ny\"z\\"})
    void theEncodingParsesBackToExactlyTheFields(String text) throws Exception {
        for (String mid : List.of(MID, "abcdefghijklmnop", "A-_9".repeat(16))) {
            for (long ts : new long[] {0, 1, TS, Long.MAX_VALUE, -1}) {
                SignedFields f = fields(mid, ts, text);
                assertEquals(f, parse(MessageSignatures.encode(f)), "the encoding is injective: it can be parsed back");
            }
        }
    }

    /** A reader of the documented layout, written from the documentation: every byte must be consumed. */
    private static SignedFields parse(byte[] encoded) throws Exception {
        ByteBuffer in = ByteBuffer.wrap(encoded);
        assertEquals("torchat-message-v2", string(in));
        assertEquals(2, in.getInt());
        OnionAddress sender = OnionAddress.parse(string(in));
        OnionAddress recipient = OnionAddress.parse(string(in));
        String mid = string(in);
        long ts = in.getLong();
        String text = string(in);
        assertEquals(0, in.remaining(), "nothing after the text");
        return new SignedFields(sender, recipient, mid, ts, text);
    }

    private static String string(ByteBuffer in) {
        byte[] bytes = new byte[in.getInt()];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void aTextWithALoneSurrogateCannotBeSignedAndNeverVerifies() {
        SignedFields lone = fields(MID, TS, "broken \uD800 text");
        SignedFields replaced = fields(MID, TS, "broken ? text");

        assertThrows(IllegalArgumentException.class, () -> MessageSignatures.encode(lone));
        assertThrows(IllegalArgumentException.class, () -> MessageSignatures.sign(ALICE, lone));
        assertFalse(
                MessageSignatures.verify(lone, MessageSignatures.sign(ALICE, replaced)),
                "a lossy UTF-8 conversion would have made both texts sign alike");
    }

    @Test
    void theWireFormIsStandardBase64OfTheSixtyFourBytes() {
        byte[] signature = MessageSignatures.sign(ALICE, GOLDEN);

        String wire = MessageSignatures.toBase64(signature);

        assertEquals(88, wire.length());
        assertTrue(wire.endsWith("=="), wire);
        assertArrayEquals(signature, MessageSignatures.fromBase64(wire));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "AAAA",
                "not base64 at all!",
                "QUJD",
                "====",
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB=="
            })
    void aMalformedWireFormIsRefused(String wire) {
        assertThrows(IllegalArgumentException.class, () -> MessageSignatures.fromBase64(wire));
    }

    @Test
    void aSenderWhoseKeyIsAPointOfSmallOrderIsNeverVerified() {
        // The neutral point (y = 1): with R = neutral and S = 0, [S]B = R + [k]A holds for every message.
        byte[] neutral = new byte[32];
        neutral[0] = 1;
        OnionAddress nobodys = OnionAddress.fromPublicKey(neutral);
        SignedFields forged = new SignedFields(nobodys, BOB.onionAddress(), MID, TS, "anyone can sign this");
        byte[] trivial = new byte[64];
        trivial[0] = 1;

        assertTrue(
                Ed25519Identity.verify(neutral, MessageSignatures.encode(forged), trivial),
                "the JDK accepts it: RFC 8032 does not forbid small-order keys");
        assertFalse(MessageSignatures.verify(forged, trivial));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0000000000000000000000000000000000000000000000000000000000000000",
                "0100000000000000000000000000000000000000000000000000000000000000",
                "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
                "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
                "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
                "0100000000000000000000000000000000000000000000000000000000000080",
                "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
                "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
            })
    void smallOrderKeysAreRecognisedWithEitherSignBit(String key) {
        assertTrue(MessageSignatures.hasSmallOrder(HEX.parseHex(key)));
    }

    @Test
    void ordinaryKeysAreNotSmallOrder() {
        assertFalse(MessageSignatures.hasSmallOrder(ALICE.publicKey()));
        assertFalse(MessageSignatures.hasSmallOrder(BOB.publicKey()));
        for (int i = 0; i < 100; i++) {
            assertFalse(
                    MessageSignatures.hasSmallOrder(Ed25519Identity.generate().publicKey()));
        }
    }
}
