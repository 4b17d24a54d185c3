package org.torchat.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameReaderTest {
    private static final String HOST_REQUEST = "{\"id\":\"localhost\",\"portno\":8000,\"msg\":\"\",\"cmd\":\"HOST\"}";

    @Test
    void readsOneValidFrame() throws Exception {
        FrameReader reader = reader(ascii("0054" + HOST_REQUEST));

        assertEquals(Optional.of(HOST_REQUEST), reader.read());
        assertEquals(Optional.empty(), reader.read());
    }

    @Test
    void readsAFrameThatArrivesOneByteAtATime() throws Exception {
        byte[] wire = ascii("0054" + HOST_REQUEST);
        OneByteAtATimeInputStream in = new OneByteAtATimeInputStream(wire);

        assertEquals(Optional.of(HOST_REQUEST), new FrameReader(in).read());
        // Proves the split actually happened: one read call per byte of the frame.
        assertTrue(in.successfulReads >= wire.length, "reads: " + in.successfulReads);
    }

    @Test
    void readsTwoFramesBackToBackOnOneStream() throws Exception {
        FrameReader reader = reader(ascii("0005first0006second"));

        assertEquals(Optional.of("first"), reader.read());
        assertEquals(Optional.of("second"), reader.read());
        assertEquals(Optional.empty(), reader.read());
    }

    @Test
    void readsTwoFramesBackToBackWhenEveryReadReturnsOneByte() throws Exception {
        FrameReader reader = new FrameReader(new OneByteAtATimeInputStream(ascii("0005first0006second")));

        assertEquals(Optional.of("first"), reader.read());
        assertEquals(Optional.of("second"), reader.read());
        assertEquals(Optional.empty(), reader.read());
    }

    @Test
    void cleanEndOfStreamBeforeAFrameIsEmpty() throws Exception {
        assertEquals(Optional.empty(), reader(new byte[0]).read());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "00", "005"})
    void truncatedHeaderIsTruncated(String header) {
        assertError(FrameException.Error.TRUNCATED, ascii(header));
    }

    @Test
    void truncatedPayloadIsTruncated() {
        // Header announces 54 bytes, only 20 arrive before EOF.
        assertError(FrameException.Error.TRUNCATED, ascii("0054" + HOST_REQUEST.substring(0, 20)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABCD", " 54{", "054{", "+054", "-054", "005 ", "0x10"})
    void nonDigitHeaderIsBadHeader(String header) {
        assertError(FrameException.Error.BAD_HEADER, ascii(header + HOST_REQUEST));
    }

    @Test
    void headerWithNonAsciiDigitsIsBadHeader() {
        // Arabic-Indic digit zero (U+0660) is a Unicode digit but not an ASCII one.
        byte[] wire = concat("\u0660\u0660".getBytes(StandardCharsets.UTF_8), ascii("payload"));
        assertError(FrameException.Error.BAD_HEADER, wire);
    }

    @Test
    void zeroLengthHeaderIsEmpty() {
        assertError(FrameException.Error.EMPTY, ascii("0000"));
    }

    @Test
    void maximumPayloadOf9999BytesIsAccepted() throws Exception {
        String payload = "x".repeat(9999);

        assertEquals(Optional.of(payload), reader(ascii("9999" + payload)).read());
    }

    @Test
    void lengthIsCountedInBytesNotCharacters() throws Exception {
        byte[] payload = "h\u00e9llo \u2713".getBytes(StandardCharsets.UTF_8); // 10 bytes, 7 chars

        FrameReader reader = reader(concat(ascii("0010"), payload, ascii("0001x")));

        assertEquals(Optional.of("h\u00e9llo \u2713"), reader.read());
        assertEquals(Optional.of("x"), reader.read());
    }

    @Test
    void invalidUtf8IsRejectedAndTheNextFrameIsStillRead() throws Exception {
        byte[] bad = concat(ascii("bad "), new byte[] {(byte) 0xff}, ascii(" byte"));
        FrameReader reader = reader(concat(ascii(String.format("%04d", bad.length)), bad, ascii("0002ok")));

        FrameException e = assertThrows(FrameException.class, reader::read);
        assertEquals(FrameException.Error.INVALID_UTF8, e.error());
        assertEquals(Optional.of("ok"), reader.read());
    }

    @Test
    void truncatedMultiByteSequenceIsInvalidUtf8() {
        // First two bytes of the three-byte encoding of U+2713.
        assertError(FrameException.Error.INVALID_UTF8, concat(ascii("0002"), new byte[] {(byte) 0xe2, (byte) 0x9c}));
    }

    @Test
    void utf8EncodedSurrogateIsInvalidUtf8() {
        // CESU-style encoding of U+D800: not valid UTF-8.
        assertError(
                FrameException.Error.INVALID_UTF8,
                concat(ascii("0003"), new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}));
    }

    @Test
    void frameOverTheReadersLimitIsOversizeAndTheNextFrameIsStillRead() throws Exception {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(ascii("0020" + "y".repeat(20) + "0003abc")), 10);

        FrameException e = assertThrows(FrameException.class, reader::read);
        assertEquals(FrameException.Error.OVERSIZE, e.error());
        assertEquals(Optional.of("abc"), reader.read());
    }

    @Test
    void frameExactlyAtTheReadersLimitIsAccepted() throws Exception {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(ascii("0010" + "z".repeat(10))), 10);

        assertEquals(Optional.of("z".repeat(10)), reader.read());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 10000})
    void readerLimitOutsideTheFrameFormatIsRefused(int maxPayload) {
        assertThrows(
                IllegalArgumentException.class,
                () -> new FrameReader(new ByteArrayInputStream(new byte[0]), maxPayload));
    }

    @Test
    void socketTimeoutBeforeAnyByteIsTimeout() {
        FrameReader reader = new FrameReader(new TimingOutInputStream(new byte[0]));

        FrameException e = assertThrows(FrameException.class, reader::read);
        assertEquals(FrameException.Error.TIMEOUT, e.error());
    }

    @Test
    void socketTimeoutInTheMiddleOfAPayloadIsTimeout() {
        FrameReader reader = new FrameReader(new TimingOutInputStream(ascii("0054{\"id\"")));

        FrameException e = assertThrows(FrameException.class, reader::read);
        assertEquals(FrameException.Error.TIMEOUT, e.error());
    }

    @Test
    void writerOutputIsReadBackUnchanged() throws Exception {
        String text = "h\u00e9llo \u2713 \"q\" back\\slash\nnewline \uD83D\uDE00";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(out);
        writer.write(text);
        writer.write("second");

        FrameReader reader = reader(out.toByteArray());
        assertEquals(Optional.of(text), reader.read());
        assertEquals(Optional.of("second"), reader.read());
        assertEquals(Optional.empty(), reader.read());
    }

    @Test
    void oneByteStreamHelperReallyReturnsSingleBytes() throws IOException {
        // Guards the helper the split-read tests depend on.
        InputStream in = new OneByteAtATimeInputStream(ascii("abc"));
        byte[] buffer = new byte[3];
        assertEquals(1, in.read(buffer, 0, 3));
        assertArrayEquals(new byte[] {'a', 0, 0}, buffer);
    }

    private static void assertError(FrameException.Error expected, byte[] wire) {
        FrameException e = assertThrows(FrameException.class, () -> reader(wire).read());
        assertEquals(expected, e.error(), e.getMessage());
    }

    private static FrameReader reader(byte[] wire) {
        return new FrameReader(new ByteArrayInputStream(wire));
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Hands out at most one byte per read call, like a network peer sending byte by byte. */
    static final class OneByteAtATimeInputStream extends InputStream {
        private final byte[] data;
        private int position;
        int successfulReads;

        OneByteAtATimeInputStream(byte[] data) {
            this.data = data.clone();
        }

        @Override
        public int read() {
            if (position >= data.length) {
                return -1;
            }
            successfulReads++;
            return data[position++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int c = read();
            if (c < 0) {
                return -1;
            }
            b[off] = (byte) c;
            return 1;
        }
    }

    /** Delivers {@code data}, then throws SocketTimeoutException as a socket with SO_TIMEOUT would. */
    static final class TimingOutInputStream extends InputStream {
        private final ByteArrayInputStream data;

        TimingOutInputStream(byte[] data) {
            this.data = new ByteArrayInputStream(data);
        }

        @Override
        public int read() throws IOException {
            int c = data.read();
            if (c < 0) {
                throw new SocketTimeoutException("Read timed out");
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int n = data.read(b, off, len);
            if (n < 0) {
                throw new SocketTimeoutException("Read timed out");
            }
            return n;
        }
    }
}
