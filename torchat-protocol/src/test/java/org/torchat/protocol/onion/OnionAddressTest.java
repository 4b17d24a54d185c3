package org.torchat.protocol.onion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class OnionAddressTest {
    /** RFC 8032 section 7.1 TEST 1 public key. */
    private static final byte[] RFC8032_TEST1_PUBLIC_KEY =
            HexFormat.of().parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    /**
     * Its v3 service id, as computed by {@link #expectedServiceId}; the same value appears as the expected
     * address for this key in tor's own unit test of hs_build_address (test_hs_common.c, test_build_address).
     */
    private static final String RFC8032_TEST1_SERVICE_ID = "25njqamcweflpvkl73j4szahhihoc4xt3ktcgjnpaingr5yhkenl5sid";

    @Test
    void knownVectorMatchesTheIndependentComputation() {
        assertEquals(RFC8032_TEST1_SERVICE_ID, expectedServiceId(RFC8032_TEST1_PUBLIC_KEY, 3));
    }

    @Test
    void addressOfAKeyOfAll0x42BytesIsTorsVector() {
        // tor's test_hs_common.c (test_build_address, older revisions) expects this for 32 bytes of 0x42.
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 0x42);

        assertEquals(
                "ijbeeqscijbeeqscijbeeqscijbeeqscijbeeqscijbeeqscijbezhid",
                OnionAddress.fromPublicKey(key).serviceId());
        assertEquals("ijbeeqscijbeeqscijbeeqscijbeeqscijbeeqscijbeeqscijbezhid", expectedServiceId(key, 3));
    }

    @Test
    void addressThatTorCallsValidParses() throws Exception {
        // tor's test_hs_common.c asserts that hs_address_is_valid() accepts this address.
        OnionAddress parsed = OnionAddress.parse("p3xnclpu4mu22dwaurjtsybyqk4xfjmcfz6z62yl24uwmhjatiwnlnad.onion");

        assertEquals("p3xnclpu4mu22dwaurjtsybyqk4xfjmcfz6z62yl24uwmhjatiwnlnad", parsed.serviceId());
        assertEquals(parsed, OnionAddress.fromPublicKey(parsed.publicKey()));
    }

    @Test
    void addressOfTheRfc8032Test1KeyIsTheKnownVector() {
        OnionAddress address = OnionAddress.fromPublicKey(RFC8032_TEST1_PUBLIC_KEY);

        assertEquals(RFC8032_TEST1_SERVICE_ID, address.serviceId());
        assertEquals(RFC8032_TEST1_SERVICE_ID + ".onion", address.hostname());
        assertEquals(RFC8032_TEST1_SERVICE_ID + ".onion", address.toString());
    }

    static List<byte[]> keys() {
        List<byte[]> keys = new ArrayList<>();
        keys.add(new byte[32]);
        byte[] allOnes = new byte[32];
        Arrays.fill(allOnes, (byte) 0xff);
        keys.add(allOnes);
        Random random = new Random(20261125L); // fixed seed: a failure can be reproduced
        for (int i = 0; i < 16; i++) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            keys.add(key);
        }
        return keys;
    }

    @ParameterizedTest
    @MethodSource("keys")
    void fromPublicKeyMatchesTheIndependentComputation(byte[] key) {
        String expected = expectedServiceId(key, 3);

        OnionAddress address = OnionAddress.fromPublicKey(key);

        assertEquals(
                expected, address.serviceId(), () -> "key " + HexFormat.of().formatHex(key));
        assertEquals(expected + ".onion", address.hostname());
    }

    @ParameterizedTest
    @MethodSource("keys")
    void parseRoundTripsAndGivesBackTheKey(byte[] key) throws Exception {
        OnionAddress address = OnionAddress.fromPublicKey(key);

        OnionAddress parsed = OnionAddress.parse(address.hostname());

        assertEquals(address, parsed);
        assertEquals(address.hashCode(), parsed.hashCode());
        assertArrayEquals(key, parsed.publicKey());
        assertArrayEquals(key, address.publicKey());
    }

    @Test
    void parseAcceptsUppercaseAndAMissingSuffixAndCanonicalises() throws Exception {
        String canonical = RFC8032_TEST1_SERVICE_ID + ".onion";

        for (String text : List.of(
                RFC8032_TEST1_SERVICE_ID,
                RFC8032_TEST1_SERVICE_ID.toUpperCase(),
                RFC8032_TEST1_SERVICE_ID.toUpperCase() + ".ONION",
                RFC8032_TEST1_SERVICE_ID.toUpperCase() + ".onion",
                "25NJQamcweflpvkl73j4szahhihoc4xt3ktcgjnpaingr5yhkenl5sid.Onion")) {
            OnionAddress parsed = OnionAddress.parse(text);

            assertEquals(canonical, parsed.hostname(), text);
            assertEquals(RFC8032_TEST1_SERVICE_ID, parsed.serviceId(), text);
            assertEquals(OnionAddress.fromPublicKey(RFC8032_TEST1_PUBLIC_KEY), parsed, text);
            assertTrue(OnionAddress.isValid(text), text);
        }
    }

    @Test
    void publicKeyIsACopy() {
        OnionAddress address = OnionAddress.fromPublicKey(RFC8032_TEST1_PUBLIC_KEY);

        address.publicKey()[0] ^= 1;

        assertArrayEquals(RFC8032_TEST1_PUBLIC_KEY, address.publicKey());
    }

    @ParameterizedTest
    @ValueSource(strings = {"alicealicealice2.onion", "alicealicealice2", "ALICEALICEALICE2.ONION"})
    void v2AddressIsRefusedAsNoLongerSupported(String text) {
        InvalidOnionAddressException e =
                assertThrows(InvalidOnionAddressException.class, () -> OnionAddress.parse(text));

        assertTrue(e.getMessage().contains("v2"), e.getMessage());
        assertTrue(e.getMessage().contains("no longer supported"), e.getMessage());
    }

    @Test
    void oneMistypedCharacterFailsTheChecksum() {
        // Index 10 lies in the key part (characters 0..51), so the version byte is unaffected.
        char[] chars = RFC8032_TEST1_SERVICE_ID.toCharArray();
        chars[10] = chars[10] == 'a' ? 'b' : 'a';
        String mistyped = new String(chars) + ".onion";

        InvalidOnionAddressException e =
                assertThrows(InvalidOnionAddressException.class, () -> OnionAddress.parse(mistyped));

        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        assertFalse(OnionAddress.isValid(mistyped));
    }

    @Test
    void everySingleCharacterChangeIsRefused() {
        // A 2-byte checksum could in principle let a change through; for this fixed key none does.
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        for (int i = 0; i < RFC8032_TEST1_SERVICE_ID.length(); i++) {
            for (char c : alphabet.toCharArray()) {
                if (c == RFC8032_TEST1_SERVICE_ID.charAt(i)) {
                    continue;
                }
                String changed =
                        RFC8032_TEST1_SERVICE_ID.substring(0, i) + c + RFC8032_TEST1_SERVICE_ID.substring(i + 1);
                assertFalse(OnionAddress.isValid(changed), changed);
            }
        }
    }

    @Test
    void versionOtherThanThreeIsRefusedEvenWithAMatchingChecksum() {
        String version4 = expectedServiceId(RFC8032_TEST1_PUBLIC_KEY, 4);
        assertNotEquals(RFC8032_TEST1_SERVICE_ID, version4);

        InvalidOnionAddressException e =
                assertThrows(InvalidOnionAddressException.class, () -> OnionAddress.parse(version4 + ".onion"));

        assertTrue(e.getMessage().contains("version"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 15, 17, 32, 55, 57, 62})
    void wrongLengthIsRefused(int length) {
        String text = RFC8032_TEST1_SERVICE_ID.repeat(2).substring(0, length);

        InvalidOnionAddressException e =
                assertThrows(InvalidOnionAddressException.class, () -> OnionAddress.parse(text + ".onion"));

        assertTrue(e.getMessage().contains("56"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(chars = {'1', '8', '0', '9', '=', '-', '.', '\u00e9'})
    void characterOutsideTheBase32AlphabetIsRefused(char bad) {
        String text = RFC8032_TEST1_SERVICE_ID.substring(0, 20) + bad + RFC8032_TEST1_SERVICE_ID.substring(21);

        assertThrows(InvalidOnionAddressException.class, () -> OnionAddress.parse(text));
        assertFalse(OnionAddress.isValid(text));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {".onion", "example.com"})
    void missingOrNonOnionTextIsRefused(String text) {
        assertThrows(InvalidOnionAddressException.class, () -> OnionAddress.parse(text));
        assertFalse(OnionAddress.isValid(text));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 31, 33, 64})
    void fromPublicKeyRefusesAKeyThatIsNot32Bytes(int length) {
        assertThrows(IllegalArgumentException.class, () -> OnionAddress.fromPublicKey(new byte[length]));
    }

    /**
     * Tor rend-spec-v3 section 6, written independently of the main code: base32 (RFC 4648 alphabet, lowercase)
     * of pubkey || checksum[0..2] || version, with checksum = SHA3-256(".onion checksum" || pubkey || version).
     * The base32 is done on one 280-bit number rather than with a bit buffer.
     */
    static String expectedServiceId(byte[] publicKey, int version) {
        byte[] checksum;
        try {
            MessageDigest sha3 = MessageDigest.getInstance("SHA3-256");
            sha3.update(".onion checksum".getBytes(StandardCharsets.US_ASCII));
            sha3.update(publicKey);
            sha3.update((byte) version);
            checksum = sha3.digest();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        byte[] raw = new byte[35];
        System.arraycopy(publicKey, 0, raw, 0, 32);
        raw[32] = checksum[0];
        raw[33] = checksum[1];
        raw[34] = (byte) version;

        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        BigInteger value = new BigInteger(1, raw); // 35 bytes = 280 bits = 56 groups of 5, no padding
        StringBuilder out = new StringBuilder();
        for (int group = 55; group >= 0; group--) {
            out.append(alphabet.charAt(value.shiftRight(5 * group).intValue() & 31));
        }
        return out.toString();
    }
}
