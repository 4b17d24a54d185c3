package org.torchat.protocol.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.torchat.protocol.onion.OnionAddress;

class Ed25519IdentityTest {
    private static final HexFormat HEX = HexFormat.of();

    /** RFC 8032 section 7.1, TEST 1 to TEST 3: secret key (seed), public key, message, signature. */
    static Stream<Arguments> rfc8032Vectors() {
        return Stream.of(
                arguments(
                        "TEST 1",
                        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
                        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
                        "",
                        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555"
                                + "fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
                arguments(
                        "TEST 2",
                        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
                        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
                        "72",
                        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da0"
                                + "85ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
                arguments(
                        "TEST 3",
                        "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
                        "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
                        "af82",
                        "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac1"
                                + "8ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfc8032Vectors")
    void seedGivesTheRfcPublicKey(String name, String seed, String publicKey, String message, String signature) {
        assertEquals(
                publicKey,
                HEX.formatHex(Ed25519Identity.fromSeed(HEX.parseHex(seed)).publicKey()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfc8032Vectors")
    void signatureIsExactlyTheRfcSignature(
            String name, String seed, String publicKey, String message, String signature) {
        byte[] signed = Ed25519Identity.fromSeed(HEX.parseHex(seed)).sign(HEX.parseHex(message));

        assertEquals(signature, HEX.formatHex(signed));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfc8032Vectors")
    void verifyAcceptsTheRfcSignature(String name, String seed, String publicKey, String message, String signature) {
        assertTrue(Ed25519Identity.verify(HEX.parseHex(publicKey), HEX.parseHex(message), HEX.parseHex(signature)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfc8032Vectors")
    void verifyRejectsAChangedMessage(String name, String seed, String publicKey, String message, String signature) {
        byte[] key = HEX.parseHex(publicKey);
        byte[] sig = HEX.parseHex(signature);
        byte[] data = HEX.parseHex(message);

        // One more byte (the only change possible for TEST 1's empty message).
        assertFalse(Ed25519Identity.verify(key, Arrays.copyOf(data, data.length + 1), sig));
        for (int bit = 0; bit < data.length * 8; bit++) {
            byte[] flipped = data.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertFalse(Ed25519Identity.verify(key, flipped, sig), "bit " + bit);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfc8032Vectors")
    void verifyRejectsAFlippedSignatureBit(
            String name, String seed, String publicKey, String message, String signature) {
        byte[] key = HEX.parseHex(publicKey);
        byte[] data = HEX.parseHex(message);
        // Bits in R (first half) and in S (second half) of the signature.
        for (int bit : new int[] {0, 7, 100, 255, 256, 300, 504, 511}) {
            byte[] sig = HEX.parseHex(signature);
            sig[bit / 8] ^= (byte) (1 << (bit % 8));
            assertFalse(Ed25519Identity.verify(key, data, sig), "bit " + bit);
        }
    }

    @Test
    void verifyRejectsTheWrongKey() {
        // TEST 1's signature checked against TEST 2's public key.
        assertFalse(Ed25519Identity.verify(
                HEX.parseHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"),
                new byte[0],
                HEX.parseHex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555"
                        + "fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")));
    }

    @Test
    void verifyReturnsFalseForMalformedKeysAndSignatures() {
        Ed25519Identity identity = Ed25519Identity.generate();
        byte[] data = {1, 2, 3};
        byte[] sig = identity.sign(data);
        byte[] notAPoint = new byte[32];
        Arrays.fill(notAPoint, (byte) 0xff);

        assertTrue(Ed25519Identity.verify(identity.publicKey(), data, sig));
        assertFalse(Ed25519Identity.verify(Arrays.copyOf(identity.publicKey(), 31), data, sig));
        assertFalse(Ed25519Identity.verify(Arrays.copyOf(identity.publicKey(), 33), data, sig));
        assertFalse(Ed25519Identity.verify(notAPoint, data, sig));
        assertFalse(Ed25519Identity.verify(identity.publicKey(), data, Arrays.copyOf(sig, 63)));
        assertFalse(Ed25519Identity.verify(identity.publicKey(), data, new byte[0]));
        assertFalse(Ed25519Identity.verify(identity.publicKey(), data, new byte[64]));
    }

    @Test
    void seedRoundTripsThroughFromSeed() {
        Ed25519Identity original = Ed25519Identity.generate();

        Ed25519Identity restored = Ed25519Identity.fromSeed(original.seed());

        assertArrayEquals(original.seed(), restored.seed());
        assertArrayEquals(original.publicKey(), restored.publicKey());
        assertEquals(original.onionAddress(), restored.onionAddress());
        // Deterministic signatures: same key, same message, same bytes.
        assertArrayEquals(original.sign(new byte[] {42}), restored.sign(new byte[] {42}));
    }

    @Test
    void fromSeedKeepsTheRfcSeed() {
        byte[] seed = HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");

        assertArrayEquals(seed, Ed25519Identity.fromSeed(seed).seed());
    }

    @Test
    void generateGivesDistinctWorkingIdentities() {
        Ed25519Identity a = Ed25519Identity.generate();
        Ed25519Identity b = Ed25519Identity.generate();

        assertEquals(Ed25519Identity.SEED_LENGTH, a.seed().length);
        assertEquals(32, a.publicKey().length);
        assertFalse(Arrays.equals(a.seed(), b.seed()));
        assertFalse(Arrays.equals(a.publicKey(), b.publicKey()));
        assertNotEquals(a.onionAddress(), b.onionAddress());
        byte[] data = "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(Ed25519Identity.verify(a.publicKey(), data, a.sign(data)));
        assertFalse(Ed25519Identity.verify(b.publicKey(), data, a.sign(data)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 31, 33, 64})
    void fromSeedRefusesASeedThatIsNot32Bytes(int length) {
        assertThrows(IllegalArgumentException.class, () -> Ed25519Identity.fromSeed(new byte[length]));
    }

    @Test
    void returnedAndPassedArraysAreCopies() {
        byte[] seed = HEX.parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
        Ed25519Identity identity = Ed25519Identity.fromSeed(seed);
        byte[] publicKey = identity.publicKey();

        seed[0] ^= 1;
        identity.seed()[0] ^= 1;
        identity.publicKey()[0] ^= 1;

        assertEquals(
                "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb", HEX.formatHex(identity.seed()));
        assertArrayEquals(publicKey, identity.publicKey());
        assertEquals(
                "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
                HEX.formatHex(identity.publicKey()));
    }

    @Test
    void expandedSecretKeyOfTheRfcTest1SeedIsTheKnownValue() {
        // SHA-512 of the TEST 1 seed with the first half clamped, computed outside Java (Python hashlib).
        Ed25519Identity identity = Ed25519Identity.fromSeed(
                HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));

        assertEquals(
                "307c83864f2833cb427a2ef1c00a013cfdff2768d980c0a3a520f006904de94f"
                        + "9b4f0afe280b746a778684e75442502057b7473a03f08f96f5a38e9287e01f8f",
                HEX.formatHex(identity.expandedSecretKey()));
    }

    @Test
    void expandedSecretKeyIsClampedSha512OfTheSeed() throws Exception {
        for (int i = 0; i < 8; i++) {
            Ed25519Identity identity = Ed25519Identity.generate();
            byte[] hash = MessageDigest.getInstance("SHA-512").digest(identity.seed());

            byte[] expanded = identity.expandedSecretKey();

            assertEquals(64, expanded.length);
            assertEquals(0, expanded[0] & 7, "low three bits of the scalar cleared");
            assertEquals(0, expanded[31] & 0x80, "top bit cleared");
            assertEquals(0x40, expanded[31] & 0x40, "second-highest bit set");
            assertEquals(hash[0] & 0xf8, expanded[0] & 0xff);
            assertEquals((hash[31] & 0x7f) | 0x40, expanded[31] & 0xff);
            assertArrayEquals(Arrays.copyOfRange(hash, 1, 31), Arrays.copyOfRange(expanded, 1, 31));
            assertArrayEquals(
                    Arrays.copyOfRange(hash, 32, 64),
                    Arrays.copyOfRange(expanded, 32, 64),
                    "second half is the unchanged second half of SHA-512(seed)");
        }
    }

    @Test
    void onionAddressIsTheAddressOfThePublicKey() {
        Ed25519Identity identity = Ed25519Identity.generate();

        assertEquals(OnionAddress.fromPublicKey(identity.publicKey()), identity.onionAddress());
    }

    @Test
    void onionAddressOfTheRfcTest1SeedIsTheKnownVector() {
        Ed25519Identity identity = Ed25519Identity.fromSeed(
                HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));

        assertEquals(
                "25njqamcweflpvkl73j4szahhihoc4xt3ktcgjnpaingr5yhkenl5sid.onion",
                identity.onionAddress().hostname());
    }
}
