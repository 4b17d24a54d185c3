package org.torchat.protocol.signature;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.signature.SignedFileFields.Kind;

class FileSignaturesTest {
    private static final Ed25519Identity ALICE = Ed25519Identity.generate();
    private static final Ed25519Identity BOB = Ed25519Identity.generate();
    private static final String TID = "0123456789abcdef0123456789abcdef";
    private static final String SHA = "a".repeat(64);
    private static final SignedFileFields OFFER =
            new SignedFileFields(Kind.OFFER, ALICE.onionAddress(), BOB.onionAddress(), TID, 1000, SHA, "notes.txt");

    @Test
    void aSignatureVerifiesForExactlyTheSignedFields() {
        byte[] sig = FileSignatures.sign(ALICE, OFFER);
        assertTrue(FileSignatures.verify(OFFER, sig));
        assertFalse(FileSignatures.verify(with(Kind.END, OFFER.number(), OFFER.name()), sig), "another kind");
        assertFalse(FileSignatures.verify(with(Kind.OFFER, 1001, OFFER.name()), sig), "another size");
        assertFalse(FileSignatures.verify(with(Kind.OFFER, 1000, "notes.exe"), sig), "another name");
        assertFalse(
                FileSignatures.verify(
                        new SignedFileFields(
                                Kind.OFFER, ALICE.onionAddress(), ALICE.onionAddress(), TID, 1000, SHA, "notes.txt"),
                        sig),
                "another recipient");
        assertFalse(
                FileSignatures.verify(
                        new SignedFileFields(
                                Kind.OFFER, BOB.onionAddress(), BOB.onionAddress(), TID, 1000, SHA, "notes.txt"),
                        sig),
                "another sender");
    }

    @Test
    void fileAndMessageSignaturesNeverStandInForEachOther() {
        SignedFields message = new SignedFields(ALICE.onionAddress(), BOB.onionAddress(), TID, 1000, "notes.txt");
        byte[] messageSig = MessageSignatures.sign(ALICE, message);
        assertFalse(FileSignatures.verify(OFFER, messageSig));
        assertFalse(MessageSignatures.verify(message, FileSignatures.sign(ALICE, OFFER)));
    }

    @Test
    void onlyTheSendersKeySigns() {
        assertThrows(IllegalArgumentException.class, () -> FileSignatures.sign(BOB, OFFER));
        assertFalse(FileSignatures.verify(OFFER, new byte[10]));
    }

    private static SignedFileFields with(Kind kind, long number, String name) {
        return new SignedFileFields(kind, ALICE.onionAddress(), BOB.onionAddress(), TID, number, SHA, name);
    }
}
