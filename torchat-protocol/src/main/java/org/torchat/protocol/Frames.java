package org.torchat.protocol;

/** Constants of the frame format: 4 ASCII digits of payload length, then the payload. */
public final class Frames {
    public static final int HEADER_LENGTH = 4;
    public static final int MAX_PAYLOAD = 9999;

    private Frames() {}
}
