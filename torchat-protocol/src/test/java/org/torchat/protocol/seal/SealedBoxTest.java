package org.torchat.protocol.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.torchat.protocol.crypto.X25519;

class SealedBoxTest {
    private final KeyPair keys = X25519.generate();
    private final byte[] publicRaw = X25519.rawPublic(keys.getPublic());

    private byte[] seal(String text) {
        return SealedBox.seal(text.getBytes(StandardCharsets.UTF_8), keys.getPublic(), publicRaw);
    }

    @Test
    void roundTripsAnyTextAndAddsOnlyTheOverhead() throws Exception {
        for (String text : new String[] {"", "hello", "猫が好き 🐈‍⬛ ünïcode", "x".repeat(10_000)}) {
            byte[] sealed = seal(text);
            assertEquals(text.getBytes(StandardCharsets.UTF_8).length + SealedBox.OVERHEAD, sealed.length);
            assertEquals(
                    text, new String(SealedBox.open(sealed, keys.getPrivate(), publicRaw), StandardCharsets.UTF_8));
        }
    }

    @Test
    void theSameTextSealsDifferentlyEachTime() {
        assertFalse(java.util.Arrays.equals(seal("same"), seal("same")));
    }

    @Test
    void everyFlippedBitIsDetected() {
        byte[] sealed = seal("do not touch");
        for (int i = 0; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 0x01;
            assertThrows(
                    SealException.class, () -> SealedBox.open(tampered, keys.getPrivate(), publicRaw), "byte " + i);
        }
    }

    @Test
    void cutValuesAreRefused() {
        byte[] sealed = seal("short");
        assertThrows(
                SealException.class,
                () -> SealedBox.open(java.util.Arrays.copyOf(sealed, sealed.length - 1), keys.getPrivate(), publicRaw));
        assertThrows(SealException.class, () -> SealedBox.open(new byte[0], keys.getPrivate(), publicRaw));
    }

    @Test
    void anotherKeyCannotOpen() {
        KeyPair other = X25519.generate();
        byte[] sealed = seal("for the first key only");
        assertThrows(
                SealException.class,
                () -> SealedBox.open(sealed, other.getPrivate(), X25519.rawPublic(other.getPublic())));
    }

    @Test
    void rawKeysRoundTrip() throws Exception {
        assertArrayEquals(publicRaw, X25519.rawPublic(X25519.publicKey(publicRaw)));
        byte[] scalar = X25519.rawPrivate(keys.getPrivate());
        byte[] sealed = seal("via raw keys");
        assertEquals(
                "via raw keys",
                new String(SealedBox.open(sealed, X25519.privateKey(scalar), publicRaw), StandardCharsets.UTF_8));
    }
}
