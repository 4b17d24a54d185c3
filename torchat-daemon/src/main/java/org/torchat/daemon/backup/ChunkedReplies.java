package org.torchat.daemon.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import org.torchat.daemon.net.ReplySink;
import org.torchat.protocol.backup.BackupChunk;

/** The bytes written here leave as BACKUP frames of {@link BackupChunk#MAX_BYTES} each, in order. */
final class ChunkedReplies extends OutputStream {
    private final ReplySink replies;
    private final String id;
    private final int portno;
    private final byte[] buffer = new byte[BackupChunk.MAX_BYTES];
    private int filled;
    private long offset;

    ChunkedReplies(ReplySink replies, String id, int portno) {
        this.replies = replies;
        this.id = id;
        this.portno = portno;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, buffer.length - filled);
            System.arraycopy(b, off, buffer, filled, n);
            filled += n;
            off += n;
            len -= n;
            if (filled == buffer.length) {
                flush();
            }
        }
    }

    /** Sends what is buffered as one frame. */
    @Override
    public void flush() throws IOException {
        if (filled == 0) {
            return;
        }
        replies.send(new BackupChunk(offset, Arrays.copyOf(buffer, filled)).toMessage(id, portno));
        offset += filled;
        filled = 0;
    }

    long bytesSent() {
        return offset;
    }
}
