package org.torchat.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes frames: header and payload go out in a single write so a frame is never interleaved. */
public final class FrameWriter {
    private final OutputStream out;

    public FrameWriter(OutputStream out) {
        this.out = out;
    }

    public void write(String payload) throws IOException, FrameException {
        out.write(encode(payload));
        out.flush();
    }

    /** The bytes of one frame carrying {@code payload}. */
    public static byte[] encode(String payload) throws FrameException {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        if (body.length == 0) {
            throw new FrameException(FrameException.Error.EMPTY, "a frame cannot be empty");
        }
        if (body.length > Frames.MAX_PAYLOAD) {
            throw new FrameException(
                    FrameException.Error.OVERSIZE,
                    "frame payload of " + body.length + " bytes exceeds the maximum of " + Frames.MAX_PAYLOAD);
        }
        byte[] frame = new byte[Frames.HEADER_LENGTH + body.length];
        byte[] header = String.format("%04d", body.length).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, frame, 0, Frames.HEADER_LENGTH);
        System.arraycopy(body, 0, frame, Frames.HEADER_LENGTH, body.length);
        return frame;
    }
}
