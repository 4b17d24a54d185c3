package org.torchat.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NicknamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"Bob", "bob smith", "Zoë", "漢字", "a", "123456789012345678901234567890", "🙂 smiley"})
    void acceptable(String nickname) {
        assertEquals(Optional.empty(), Nicknames.problem(nickname));
    }

    @Test
    void eachRefusalSaysWhy() {
        assertEquals("a nickname may not be empty", Nicknames.problem("  ").orElseThrow());
        assertEquals(
                "a nickname has at most 30 characters, this has 31",
                Nicknames.problem("1234567890123456789012345678901").orElseThrow());
        assertEquals(
                "a nickname may not contain control characters",
                Nicknames.problem("bo\nb").orElseThrow());
        assertEquals(
                "a nickname may not contain control characters",
                Nicknames.problem("bo\u202eb").orElseThrow());
        assertEquals(
                "a nickname may not begin or end with a space",
                Nicknames.problem(" bob").orElseThrow());
        assertEquals(
                "'bob.onion' looks like an address; a nickname must not",
                Nicknames.problem("bob.onion").orElseThrow());
        assertTrue(Nicknames.problem("LocalHost").orElseThrow().contains("looks like an address"));
    }

    @Test
    void surrogatePairsCountAsOneCharacter() {
        assertEquals(Optional.empty(), Nicknames.problem("🙂".repeat(30)));
        assertTrue(Nicknames.problem("🙂".repeat(31)).isPresent());
    }

    @Test
    void addressesOfBothVersionsLookLikeAddressesWithOrWithoutSuffix() {
        assertTrue(Nicknames.looksLikeAddress("bobbobbobbobbob2"));
        assertTrue(Nicknames.looksLikeAddress("BOBBOBBOBBOBBOB2.ONION"));
        assertTrue(Nicknames.looksLikeAddress("a".repeat(56)));
        assertTrue(Nicknames.looksLikeAddress("typo.onion"));
        assertFalse(Nicknames.looksLikeAddress("bob"));
        assertFalse(Nicknames.looksLikeAddress("a".repeat(20)));
    }

    @Test
    void theKeyIgnoresLetterCase() {
        assertEquals(Nicknames.key("ZOË"), Nicknames.key("zoë"));
    }
}
