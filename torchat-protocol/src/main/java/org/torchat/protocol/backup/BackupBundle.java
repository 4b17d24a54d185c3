package org.torchat.protocol.backup;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * The content of a backup before encryption: the data directory's files that make a daemon (docs/BACKUP.md). Each
 * entry is a name from a fixed list (never a path: a restore cannot be made to write outside its directory) with its
 * length and bytes; an end mark follows the last, so a bundle cut short is noticed even before the cipher's check.
 */
public final class BackupBundle {
    public static final String IDENTITY = "identity.key";
    public static final String STORE = "torchat.db";
    public static final String CONFIG = "torchat.conf";
    /** The key sealed history needs (docs/SEALING.md): without it a sealed store could never be read again. */
    public static final String SEAL_KEY = org.torchat.protocol.seal.SealKeyFile.FILE_NAME;
    /** The entries a bundle may hold, with the largest size each may have. */
    private static final Map<String, Long> MAX_BYTES =
            Map.of(IDENTITY, 4096L, STORE, 1L << 40, CONFIG, 1L << 20, SEAL_KEY, 4096L);
    /** What a restore needs at least. */
    public static final Set<String> REQUIRED = Set.of(IDENTITY, STORE);

    private static final int ENTRY = 1;
    private static final int END = 0;

    private BackupBundle() {}

    /** Writes entries to a stream, one after another. */
    public static final class Writer {
        private final DataOutputStream out;

        public Writer(OutputStream out) {
            this.out = new DataOutputStream(out);
        }

        public void entry(String name, long size, InputStream content) throws IOException {
            if (!MAX_BYTES.containsKey(name) || size > MAX_BYTES.get(name)) {
                throw new IllegalArgumentException("not a backup entry: " + name + " (" + size + " bytes)");
            }
            byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
            out.writeByte(ENTRY);
            out.writeShort(nameBytes.length);
            out.write(nameBytes);
            out.writeLong(size);
            long copied = content.transferTo(new BoundedOutput(out, size));
            if (copied != size) {
                throw new IOException(
                        name + " changed while it was being backed up: " + copied + " bytes, not " + size);
            }
        }

        /** The end mark; the underlying stream stays open. */
        public void finish() throws IOException {
            out.writeByte(END);
            out.flush();
        }
    }

    /** Hears each entry; {@code content} is exactly the entry's bytes. */
    @FunctionalInterface
    public interface EntryHandler {
        void entry(String name, long size, InputStream content) throws IOException;
    }

    /** Reads every entry of a bundle up to its end mark; refuses unknown names, oversized entries and repeats. */
    public static void read(InputStream in, EntryHandler handler) throws IOException, BackupException {
        DataInputStream data = new DataInputStream(in);
        java.util.HashSet<String> seen = new java.util.HashSet<>();
        try {
            while (true) {
                int kind = data.readUnsignedByte();
                if (kind == END) {
                    break;
                }
                if (kind != ENTRY) {
                    throw damaged("an entry of unknown kind " + kind);
                }
                int nameLength = data.readUnsignedShort();
                if (nameLength > 64) {
                    throw damaged("an entry name of " + nameLength + " bytes");
                }
                String name = new String(data.readNBytes(nameLength), StandardCharsets.UTF_8);
                long size = data.readLong();
                Long max = MAX_BYTES.get(name);
                if (max == null || size < 0 || size > max || !seen.add(name)) {
                    throw damaged("an unexpected entry '" + name + "' of " + size + " bytes");
                }
                LimitedInput content = new LimitedInput(data, size);
                handler.entry(name, size, content);
                if (content.remaining > 0) {
                    throw new EOFException();
                }
            }
        } catch (EOFException e) {
            throw new BackupException(
                    BackupException.Kind.TRUNCATED, "the backup is truncated: its content ends early");
        }
        for (String required : REQUIRED) {
            if (!seen.contains(required)) {
                throw damaged("no " + required);
            }
        }
        if (data.read() >= 0) {
            throw damaged("bytes after its end mark");
        }
    }

    private static BackupException damaged(String what) {
        return new BackupException(BackupException.Kind.DAMAGED, "the backup is damaged: it holds " + what);
    }

    /** Refuses to write more than an entry announced. */
    private static final class BoundedOutput extends OutputStream {
        private final OutputStream out;
        private long left;

        BoundedOutput(OutputStream out, long size) {
            this.out = out;
            this.left = size;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > left) {
                throw new IOException("a backup entry grew while it was being backed up");
            }
            out.write(b, off, len);
            left -= len;
        }
    }

    /** Exactly {@code size} bytes of the bundle; EOF before them is a truncated backup. */
    private static final class LimitedInput extends InputStream {
        private final InputStream in;
        private long remaining;

        LimitedInput(InputStream in, long size) {
            this.in = in;
            this.remaining = size;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException();
            }
            remaining -= n;
            return n;
        }
    }
}
