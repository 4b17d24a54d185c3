package org.torchat.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameWriterTest {

    @Test
    void encodesAFourDigitZeroPaddedHeaderThenThePayload() throws Exception {
        assertEquals("0005hello", utf8(FrameWriter.encode("hello")));
        assertEquals("0001x", utf8(FrameWriter.encode("x")));
    }

    @Test
    void headerCountsUtf8BytesNotCharacters() throws Exception {
        byte[] frame = FrameWriter.encode("\u00e9");

        assertArrayEquals(new byte[] {'0', '0', '0', '2', (byte) 0xc3, (byte) 0xa9}, frame);
    }

    @Test
    void headerCountsSupplementaryCharactersAsFourBytes() throws Exception {
        // U+1F600 is two Java chars but four UTF-8 bytes.
        byte[] frame = FrameWriter.encode("\uD83D\uDE00");

        assertEquals("0004", new String(frame, 0, 4, StandardCharsets.US_ASCII));
        assertEquals(8, frame.length);
    }

    @Test
    void payloadOf9999BytesIsAccepted() throws Exception {
        byte[] frame = FrameWriter.encode("a".repeat(9999));

        assertEquals(10003, frame.length);
        assertEquals("9999", new String(frame, 0, 4, StandardCharsets.US_ASCII));
    }

    @Test
    void payloadOf10000BytesIsOversize() {
        FrameException e = assertThrows(FrameException.class, () -> FrameWriter.encode("a".repeat(10000)));
        assertEquals(FrameException.Error.OVERSIZE, e.error());
    }

    @Test
    void payloadOf5000CharactersButTenThousandBytesIsOversize() {
        FrameException e = assertThrows(FrameException.class, () -> FrameWriter.encode("\u00e9".repeat(5000)));
        assertEquals(FrameException.Error.OVERSIZE, e.error());
    }

    @Test
    void emptyPayloadIsRefused() {
        FrameException e = assertThrows(FrameException.class, () -> FrameWriter.encode(""));
        assertEquals(FrameException.Error.EMPTY, e.error());
    }

    @Test
    void refusedFrameWritesNothing() {
        WriteRecordingOutputStream out = new WriteRecordingOutputStream();
        FrameWriter writer = new FrameWriter(out);

        assertThrows(FrameException.class, () -> writer.write(""));
        assertThrows(FrameException.class, () -> writer.write("a".repeat(10000)));
        assertEquals(List.of(), out.writes);
    }

    @Test
    void headerAndPayloadGoOutInOneWriteCall() throws Exception {
        WriteRecordingOutputStream out = new WriteRecordingOutputStream();

        new FrameWriter(out).write("{\"cmd\":\"HOST\"}");

        assertEquals(1, out.writes.size(), "write calls");
        assertEquals("0014{\"cmd\":\"HOST\"}", utf8(out.writes.get(0)));
        assertEquals(1, out.flushes);
    }

    @Test
    void consecutiveFramesAreEachOneWriteCall() throws Exception {
        WriteRecordingOutputStream out = new WriteRecordingOutputStream();
        FrameWriter writer = new FrameWriter(out);

        writer.write("one");
        writer.write("two!");

        assertEquals(2, out.writes.size(), "write calls");
        assertEquals("0003one", utf8(out.writes.get(0)));
        assertEquals("0004two!", utf8(out.writes.get(1)));
    }

    @Test
    void writeProducesTheSameBytesAsEncode() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new FrameWriter(out).write("h\u00e9llo \u2713");

        assertArrayEquals(FrameWriter.encode("h\u00e9llo \u2713"), out.toByteArray());
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Records every write call separately, whichever overload is used, so split writes are visible. */
    private static final class WriteRecordingOutputStream extends OutputStream {
        final List<byte[]> writes = new ArrayList<>();
        int flushes;

        @Override
        public void write(int b) {
            writes.add(new byte[] {(byte) b});
        }

        @Override
        public void write(byte[] b) {
            writes.add(b.clone());
        }

        @Override
        public void write(byte[] b, int off, int len) {
            byte[] copy = new byte[len];
            System.arraycopy(b, off, copy, 0, len);
            writes.add(copy);
        }

        @Override
        public void flush() {
            flushes++;
        }
    }
}
