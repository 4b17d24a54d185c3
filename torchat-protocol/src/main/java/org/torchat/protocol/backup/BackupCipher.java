package org.torchat.protocol.backup;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The encryption of a backup file (docs/BACKUP.md, "File format"): a header with the Argon2id parameters and salt
 * ({@link KdfParameters}), then the content in segments, each sealed with AES-256-GCM from the JDK ({@link Cipher}
 * "AES/GCM/NoPadding"). Segments, not one GCM message, because the JDK's GCM decryption holds the whole ciphertext in
 * memory until the tag is checked, and a store is hundreds of megabytes. Each segment's nonce holds its number and
 * whether it is the last one (as in the STREAM construction), and every segment authenticates the whole header: so
 * segments cannot be reordered, dropped, cut off at the end or moved between files unnoticed. A key-check value in
 * the header tells a wrong passphrase apart from a damaged file.
 */
public final class BackupCipher {
    static final byte[] MAGIC = "TORCHAT-BACKUP".getBytes(StandardCharsets.US_ASCII);
    static final int FORMAT_VERSION = 1;
    static final int KDF_ARGON2ID = 1;
    static final int SALT_BYTES = 16;
    static final int NONCE_PREFIX_BYTES = 7;
    static final int CHECK_BYTES = 32;
    static final int KEY_BYTES = 32;
    static final int TAG_BYTES = 16;
    /** Plaintext bytes per segment. */
    static final int SEGMENT_BYTES = 64 * 1024;

    private static final int MAX_SEGMENT_BYTES = 16 * 1024 * 1024;

    private BackupCipher() {}

    /** What {@code out} receives is encrypted under {@code passphrase}; close the returned stream to finish the file. */
    public static OutputStream encrypting(OutputStream out, char[] passphrase, KdfParameters kdf) throws IOException {
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[SALT_BYTES];
        byte[] noncePrefix = new byte[NONCE_PREFIX_BYTES];
        random.nextBytes(salt);
        random.nextBytes(noncePrefix);
        byte[] derived = kdf.derive(passphrase, salt, KEY_BYTES + CHECK_BYTES);
        Header header = new Header(
                kdf, salt, noncePrefix, SEGMENT_BYTES, Arrays.copyOfRange(derived, KEY_BYTES, KEY_BYTES + CHECK_BYTES));
        byte[] headerBytes = header.encode();
        out.write(headerBytes);
        return new SealingStream(out, new Segments(Arrays.copyOf(derived, KEY_BYTES), header, headerBytes));
    }

    /**
     * The plaintext of a backup read from {@code in}. The header and passphrase are checked here; each segment is
     * checked before any of its bytes is returned, and the end of the file must be the sealed last segment: reading
     * to the end without an exception proves the whole content arrived intact.
     */
    public static InputStream decrypting(InputStream in, char[] passphrase) throws IOException, BackupException {
        DataInputStream data = new DataInputStream(in);
        Header header = Header.read(data);
        byte[] derived = header.kdf.derive(passphrase, header.salt, KEY_BYTES + CHECK_BYTES);
        if (!MessageDigest.isEqual(header.check, Arrays.copyOfRange(derived, KEY_BYTES, KEY_BYTES + CHECK_BYTES))) {
            throw new BackupException(
                    BackupException.Kind.WRONG_PASSPHRASE, "wrong passphrase for this backup (nothing was restored)");
        }
        return new OpeningStream(
                new PushbackInputStream(in, 1),
                new Segments(Arrays.copyOf(derived, KEY_BYTES), header, header.encode()));
    }

    /** The header: everything needed to derive the key, and the key-check value. */
    record Header(KdfParameters kdf, byte[] salt, byte[] noncePrefix, int segmentBytes, byte[] check) {
        byte[] encode() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.write(MAGIC);
                out.writeByte(FORMAT_VERSION);
                out.writeByte(KDF_ARGON2ID);
                out.writeInt(kdf.memoryKiB());
                out.writeInt(kdf.iterations());
                out.writeInt(kdf.parallelism());
                out.write(salt);
                out.write(noncePrefix);
                out.writeInt(segmentBytes);
                out.write(check);
            } catch (IOException e) {
                throw new IllegalStateException("writing to memory", e);
            }
            return bytes.toByteArray();
        }

        static Header read(DataInputStream in) throws IOException, BackupException {
            try {
                byte[] magic = in.readNBytes(MAGIC.length);
                if (!Arrays.equals(magic, MAGIC)) {
                    throw new BackupException(
                            BackupException.Kind.NOT_A_BACKUP,
                            "not a TORchat backup (it does not start with "
                                    + new String(MAGIC, StandardCharsets.US_ASCII) + ")");
                }
                int version = in.readUnsignedByte();
                int kdfId = in.readUnsignedByte();
                if (version != FORMAT_VERSION || kdfId != KDF_ARGON2ID) {
                    throw new BackupException(
                            BackupException.Kind.UNSUPPORTED,
                            "backup format " + version + "/" + kdfId
                                    + " is not one this TORchat reads (it reads " + FORMAT_VERSION + "/" + KDF_ARGON2ID
                                    + "): a newer TORchat wrote it");
                }
                KdfParameters kdf = new KdfParameters(in.readInt(), in.readInt(), in.readInt());
                byte[] salt = in.readNBytes(SALT_BYTES);
                byte[] prefix = in.readNBytes(NONCE_PREFIX_BYTES);
                int segmentBytes = in.readInt();
                byte[] check = in.readNBytes(CHECK_BYTES);
                if (check.length != CHECK_BYTES) {
                    throw new EOFException();
                }
                if (!kdf.acceptable() || segmentBytes < 1024 || segmentBytes > MAX_SEGMENT_BYTES) {
                    throw new BackupException(
                            BackupException.Kind.DAMAGED,
                            "the backup's header is damaged " + "(key derivation " + kdf + ", segments of "
                                    + segmentBytes + " bytes)");
                }
                return new Header(kdf, salt, prefix, segmentBytes, check);
            } catch (EOFException e) {
                throw new BackupException(
                        BackupException.Kind.TRUNCATED, "the backup is truncated: it ends inside its header");
            }
        }
    }

    /** Seals and opens numbered segments under one key. */
    private static final class Segments {
        private final SecretKeySpec key;
        private final Header header;
        private final byte[] aad;
        private long next;

        Segments(byte[] key, Header header, byte[] aad) {
            this.key = new SecretKeySpec(key, "AES");
            this.header = header;
            this.aad = aad;
        }

        int segmentBytes() {
            return header.segmentBytes();
        }

        long number() {
            return next;
        }

        byte[] seal(byte[] plain, int length, boolean last) throws IOException {
            try {
                return cipher(Cipher.ENCRYPT_MODE, last).doFinal(plain, 0, length);
            } catch (GeneralSecurityException e) {
                throw new IOException("AES-GCM failed: " + e.getMessage(), e);
            }
        }

        byte[] open(byte[] sealed, boolean last) throws GeneralSecurityException {
            return cipher(Cipher.DECRYPT_MODE, last).doFinal(sealed);
        }

        private Cipher cipher(int mode, boolean last) throws GeneralSecurityException {
            if (next > 0xFFFF_FFFFL) {
                throw new GeneralSecurityException("too many segments");
            }
            byte[] nonce = ByteBuffer.allocate(12)
                    .put(header.noncePrefix())
                    .putInt((int) next)
                    .put((byte) (last ? 1 : 0))
                    .array();
            Cipher c;
            try {
                c = Cipher.getInstance("AES/GCM/NoPadding");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("every JDK has AES/GCM", e);
            }
            c.init(mode, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            c.updateAAD(aad);
            next++;
            return c;
        }
    }

    /** Buffers a segment; a full one is sealed only when more follows, so the last is always sealed as last. */
    private static final class SealingStream extends OutputStream {
        private final OutputStream out;
        private final Segments segments;
        private final byte[] buffer;
        private int filled;
        private boolean closed;

        SealingStream(OutputStream out, Segments segments) {
            this.out = out;
            this.segments = segments;
            this.buffer = new byte[segments.segmentBytes()];
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (filled == buffer.length) {
                    out.write(segments.seal(buffer, filled, false));
                    filled = 0;
                }
                int n = Math.min(len, buffer.length - filled);
                System.arraycopy(b, off, buffer, filled, n);
                filled += n;
                off += n;
                len -= n;
            }
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            out.write(segments.seal(buffer, filled, true));
            out.close();
        }
    }

    /** Opens one segment at a time; the file must end exactly after a segment sealed as the last. */
    private static final class OpeningStream extends InputStream {
        private final PushbackInputStream in;
        private final Segments segments;
        private byte[] plain = new byte[0];
        private int position;
        private boolean ended;

        OpeningStream(PushbackInputStream in, Segments segments) {
            this.in = in;
            this.segments = segments;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (position == plain.length) {
                if (ended) {
                    return -1;
                }
                nextSegment();
            }
            int n = Math.min(len, plain.length - position);
            System.arraycopy(plain, position, b, off, n);
            position += n;
            return n;
        }

        private void nextSegment() throws IOException {
            long number = segments.number();
            byte[] sealed = in.readNBytes(segments.segmentBytes() + TAG_BYTES);
            int peek = in.read();
            boolean atEnd = peek < 0;
            if (!atEnd) {
                in.unread(peek);
            }
            if (sealed.length < TAG_BYTES) {
                throw new BackupIOException(new BackupException(
                        BackupException.Kind.TRUNCATED,
                        "the backup is truncated: it ends after " + number + " complete segments of "
                                + segments.segmentBytes() + " bytes, before its last one"));
            }
            try {
                plain = segments.open(sealed, atEnd);
            } catch (AEADBadTagException e) {
                throw new BackupIOException(
                        atEnd
                                ? new BackupException(
                                        BackupException.Kind.TRUNCATED,
                                        "the backup is truncated or damaged: " + "its end (segment " + number
                                                + ") is not the end it was written with")
                                : new BackupException(
                                        BackupException.Kind.DAMAGED,
                                        "the backup is damaged: segment " + number
                                                + " fails its authentication check"));
            } catch (GeneralSecurityException e) {
                throw new IOException("AES-GCM failed: " + e.getMessage(), e);
            }
            position = 0;
            ended = atEnd;
        }
    }

    /**
     * A {@link BackupException} met while reading through the stream API, which only throws IOException: callers
     * unwrap it with {@link #unwrap}.
     */
    public static final class BackupIOException extends IOException {
        private final BackupException backup;

        BackupIOException(BackupException backup) {
            super(backup.getMessage(), backup);
            this.backup = backup;
        }

        public BackupException backup() {
            return backup;
        }
    }

    /** The backup failure behind {@code e}, if it is one. */
    public static java.util.Optional<BackupException> unwrap(IOException e) {
        return e instanceof BackupIOException b ? java.util.Optional.of(b.backup()) : java.util.Optional.empty();
    }
}
