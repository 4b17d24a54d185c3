package org.torchat.daemon.tor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torchat.daemon.config.OnionDefences;
import org.torchat.protocol.identity.Ed25519Identity;

class AddOnionTest {
    /** RFC 8032 section 7.1, test 1: the seed, and its public key. */
    private static final Ed25519Identity RFC8032 = Ed25519Identity.fromSeed(
            HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    /** SHA-512 of that seed, clamped, in base64: computed independently (Python hashlib). */
    private static final String EXPANDED_B64 =
            "MHyDhk8oM8tCei7xwAoBPP3/J2jZgMCjpSDwBpBN6U+bTwr+KAt0aneGhOdUQlAgV7dHOgPwj5b1o46Sh+Afjw==";

    @Test
    void theKeyArgumentIsTheBase64OfTheClampedExpandedKey() {
        assertEquals("ED25519-V3:" + EXPANDED_B64, AddOnion.keyArgument(RFC8032));
    }

    @Test
    void theRfcVectorGivesTheExpectedOnionAddress() {
        assertEquals(
                "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
                HexFormat.of().formatHex(RFC8032.publicKey()));
        assertEquals(
                "25njqamcweflpvkl73j4szahhihoc4xt3ktcgjnpaingr5yhkenl5sid",
                RFC8032.onionAddress().serviceId());
    }

    @Test
    void anyKeyArgumentIs88Base64CharactersOf64ClampedBytes() {
        for (int i = 0; i < 20; i++) {
            String arg = AddOnion.keyArgument(Ed25519Identity.generate());
            assertTrue(arg.startsWith("ED25519-V3:"), arg);
            String b64 = arg.substring("ED25519-V3:".length());
            assertEquals(88, b64.length());
            byte[] key = Base64.getDecoder().decode(b64);
            assertEquals(64, key.length);
            assertEquals(0, key[0] & 7, "low 3 bits cleared");
            assertEquals(0, key[31] & 0x80, "top bit cleared");
            assertEquals(0x40, key[31] & 0x40, "second-highest bit set");
            assertFalse(arg.contains(" ") || arg.contains("\n"));
        }
    }

    @Test
    void theCommandForwardsVirtualPort80ToTheLoopbackPeerPortWithoutDetach() {
        OnionDefences none = new OnionDefences(OnionDefences.PowDefense.OFF, 1, 1, 0);
        assertEquals(
                "ADD_ONION ED25519-V3:" + EXPANDED_B64 + " Port=80,127.0.0.1:8001",
                AddOnion.command(RFC8032, 80, 8001, none, false));
        assertEquals(Map.of(80, "127.0.0.1:8001"), AddOnion.portLines(80, 8001));
    }

    /** In the control-spec's order; tor 0.4.9.11 accepted exactly this line (docs/SECURITY.md). */
    @Test
    void theDefencesComeBetweenKeyAndPortsInTheSpecsOrder() {
        assertEquals(
                "ADD_ONION ED25519-V3:" + EXPANDED_B64 + " Flags=MaxStreamsCloseCircuit MaxStreams=16"
                        + " PoWDefensesEnabled=1 PoWQueueRate=20 PoWQueueBurst=200 Port=80,127.0.0.1:8001",
                AddOnion.command(RFC8032, 80, 8001, OnionDefences.DEFAULTS, true));
        assertEquals(
                "Flags=MaxStreamsCloseCircuit MaxStreams=16", AddOnion.defenceArguments(OnionDefences.DEFAULTS, false));
        OnionDefences unlimited = new OnionDefences(OnionDefences.PowDefense.ON, 5, 7, 0);
        assertEquals("PoWDefensesEnabled=1 PoWQueueRate=5 PoWQueueBurst=7", AddOnion.defenceArguments(unlimited, true));
        assertEquals("", AddOnion.defenceArguments(unlimited, false));
    }

    @Test
    void theRedactedFormHidesTheKey() {
        String redacted = AddOnion.redacted(80, 8001, OnionDefences.DEFAULTS, true);
        assertEquals(
                "ADD_ONION ED25519-V3:<key> Flags=MaxStreamsCloseCircuit MaxStreams=16 PoWDefensesEnabled=1"
                        + " PoWQueueRate=20 PoWQueueBurst=200 Port=80,127.0.0.1:8001",
                redacted);
        assertFalse(redacted.contains(EXPANDED_B64.substring(0, 10)));
    }

    @Test
    void portsOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> AddOnion.portLines(0, 8001));
        assertThrows(IllegalArgumentException.class, () -> AddOnion.portLines(80, 65536));
    }
}
