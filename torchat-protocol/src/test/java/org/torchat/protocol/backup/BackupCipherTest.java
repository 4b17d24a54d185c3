package org.torchat.protocol.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackupCipherTest {
    /** Small Argon2 parameters: these tests are about the segments, not the key derivation's cost. */
    private static final KdfParameters FAST = new KdfParameters(64, 1, 1);

    private static final char[] PASSPHRASE = "a good passphrase".toCharArray();
    private static final int SEGMENT = BackupCipher.SEGMENT_BYTES;

    private static byte[] seal(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream sealing = BackupCipher.encrypting(out, PASSPHRASE, FAST)) {
            sealing.write(plain);
        }
        return out.toByteArray();
    }

    private static byte[] open(byte[] file, char[] passphrase) throws Exception {
        try (InputStream in = BackupCipher.decrypting(new ByteArrayInputStream(file), passphrase)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw BackupCipher.unwrap(e).map(Exception.class::cast).orElse(e);
        }
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    /** Empty, inside one segment, exactly one and two segments (the last one full), and across segments. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 2 * SEGMENT, 3 * SEGMENT + 17})
    void whatIsSealedOpensAgain(int size) throws Exception {
        byte[] plain = random(size);
        assertArrayEquals(plain, open(seal(plain), PASSPHRASE));
    }

    @Test
    void theDefaultKeyDerivationRoundTripsToo() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream sealing = BackupCipher.encrypting(out, PASSPHRASE, KdfParameters.DEFAULT)) {
            sealing.write(random(1000));
        }
        assertArrayEquals(random(1000), open(out.toByteArray(), PASSPHRASE));
    }

    @Test
    void aWrongPassphraseIsToldApartFromDamage() throws Exception {
        BackupException e =
                assertThrows(BackupException.class, () -> open(seal(random(10)), "another one".toCharArray()));
        assertEquals(BackupException.Kind.WRONG_PASSPHRASE, e.kind());
    }

    /** Cut exactly after a whole segment: every segment left is intact, but none was sealed as the last. */
    @Test
    void aFileCutAtASegmentBoundaryIsTruncated() throws Exception {
        byte[] file = seal(random(3 * SEGMENT));
        int header = file.length - 4 * (SEGMENT + BackupCipher.TAG_BYTES) + SEGMENT; // last segment is empty
        byte[] cut = Arrays.copyOf(file, file.length - BackupCipher.TAG_BYTES);
        BackupException e = assertThrows(BackupException.class, () -> open(cut, PASSPHRASE));
        assertEquals(BackupException.Kind.TRUNCATED, e.kind(), e.getMessage());
        byte[] cutTwo = Arrays.copyOf(file, header + 2 * (SEGMENT + BackupCipher.TAG_BYTES));
        assertEquals(
                BackupException.Kind.TRUNCATED,
                assertThrows(BackupException.class, () -> open(cutTwo, PASSPHRASE))
                        .kind());
    }

    @Test
    void swappedSegmentsAndFlippedBitsAreDamage() throws Exception {
        byte[] file = seal(random(3 * SEGMENT + 5));
        int header = file.length - 3 * (SEGMENT + BackupCipher.TAG_BYTES) - 5 - BackupCipher.TAG_BYTES;
        int len = SEGMENT + BackupCipher.TAG_BYTES;
        byte[] swapped = file.clone();
        System.arraycopy(file, header, swapped, header + len, len);
        System.arraycopy(file, header + len, swapped, header, len);
        assertEquals(
                BackupException.Kind.DAMAGED,
                assertThrows(BackupException.class, () -> open(swapped, PASSPHRASE))
                        .kind());

        byte[] flipped = file.clone();
        flipped[header + 10] ^= 1;
        assertEquals(
                BackupException.Kind.DAMAGED,
                assertThrows(BackupException.class, () -> open(flipped, PASSPHRASE))
                        .kind());
    }

    @Test
    void aHeaderAskingForAbsurdMemoryIsRefusedBeforeAnyWork() throws Exception {
        byte[] file = seal(random(10));
        int memoryAt = BackupCipher.MAGIC.length + 2;
        file[memoryAt] = 0x7f; // about 2 TiB
        assertEquals(
                BackupException.Kind.DAMAGED,
                assertThrows(BackupException.class, () -> open(file, PASSPHRASE))
                        .kind());
    }
}
