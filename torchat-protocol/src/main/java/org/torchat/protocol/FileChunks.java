package org.torchat.protocol;

import java.util.regex.Pattern;

/**
 * Sizes and identifiers of file transfer (docs/PROTOCOL.md, "File transfer"). A chunk of {@link #CHUNK_BYTES}
 * raw bytes is 8192 base64 characters, which leaves room in a 9999-byte frame for the other fields and a signature.
 */
public final class FileChunks {
    /** Raw bytes per FILEDATA frame. */
    public static final int CHUNK_BYTES = 6144;
    /** The receiver acknowledges (after fsync) every this many chunks: 96 KiB. */
    public static final int ACK_EVERY = 16;

    private static final Pattern TRANSFER_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private FileChunks() {}

    public static boolean isTransferId(String text) {
        return text != null && TRANSFER_ID.matcher(text).matches();
    }

    public static boolean isSha256(String text) {
        return text != null && SHA256_HEX.matcher(text).matches();
    }
}
