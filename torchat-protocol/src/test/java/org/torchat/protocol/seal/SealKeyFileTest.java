package org.torchat.protocol.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.torchat.protocol.backup.KdfParameters;

class SealKeyFileTest {
    /** Small Argon2 parameters: these tests are about the file, not the derivation's cost. */
    private static final KdfParameters FAST = new KdfParameters(64, 1, 1);

    private static final char[] PASSPHRASE = "a good passphrase".toCharArray();

    @Test
    void theRightPassphraseOpensWhatThePublicHalfSealed() throws Exception {
        SealKeyFile file =
                SealKeyFile.decode(SealKeyFile.create(PASSPHRASE, FAST).encode());
        byte[] sealed = SealedBox.seal("secret".getBytes(StandardCharsets.UTF_8), file.publicKey(), file.publicRaw());
        assertArrayEquals(
                "secret".getBytes(StandardCharsets.UTF_8),
                SealedBox.open(sealed, file.open(PASSPHRASE), file.publicRaw()));
    }

    @Test
    void aWrongPassphraseIsRefusedAsSuch() throws Exception {
        SealKeyFile file = SealKeyFile.create(PASSPHRASE, FAST);
        assertThrows(SealKeyFile.WrongPassphraseException.class, () -> file.open("another passphrase".toCharArray()));
    }

    @Test
    void aSwappedPublicKeyOrDamageIsRefused() throws Exception {
        byte[] encoded = SealKeyFile.create(PASSPHRASE, FAST).encode();
        byte[] otherPublic = SealKeyFile.create(PASSPHRASE, FAST).publicRaw();
        int publicAt = "TORCHAT-SEALKEY".length() + 1 + 12 + 16;
        byte[] swapped = encoded.clone();
        System.arraycopy(otherPublic, 0, swapped, publicAt, otherPublic.length);
        assertThrows(SealException.class, () -> SealKeyFile.decode(swapped).open(PASSPHRASE));
        assertThrows(SealException.class, () -> SealKeyFile.decode(Arrays.copyOf(encoded, encoded.length - 1)));
        assertThrows(
                SealException.class, () -> SealKeyFile.decode("TORCHAT-BACKUP".getBytes(StandardCharsets.US_ASCII)));
    }
}
