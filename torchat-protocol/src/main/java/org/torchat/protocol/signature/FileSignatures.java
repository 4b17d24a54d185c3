package org.torchat.protocol.signature;

import java.util.Locale;
import org.torchat.protocol.identity.Ed25519Identity;

/**
 * Signatures of file-transfer frames between daemons (docs/PROTOCOL.md, "File transfer"). The same key and checks as
 * {@link MessageSignatures}, over its own domain-separated encoding, so that no message signature is ever a valid
 * file-frame signature or the other way round:
 * <pre>
 *   string  "torchat-file-v2"     domain separation
 *   uint32  2                     the encoding's version
 *   string  kind                  "offer", "chunk" or "end"
 *   string  sender address        canonical
 *   string  recipient address     canonical
 *   string  transfer id           the frame's "tid"
 *   int64   number                offer, end: the file's size; chunk: its offset
 *   string  digest                offer, end: the file's SHA-256 (hex); chunk: the SHA-256 (hex) of its bytes
 *   string  name                  offer: the offered file name; otherwise empty
 * </pre>
 */
public final class FileSignatures {
    public static final String LABEL = "torchat-file-v2";
    public static final int VERSION = 2;

    private FileSignatures() {}

    public static byte[] encode(SignedFileFields fields) {
        return new CanonicalEncoding(256 + fields.name().length() * 3)
                .putString(LABEL, "label")
                .putInt(VERSION)
                .putString(fields.kind().name().toLowerCase(Locale.ROOT), "kind")
                .putString(fields.sender().hostname(), "sender")
                .putString(fields.recipient().hostname(), "recipient")
                .putString(fields.transferId(), "transfer id")
                .putLong(fields.number())
                .putString(fields.digest(), "digest")
                .putString(fields.name(), "name")
                .bytes();
    }

    /**
     * Signs as {@code sender}, which must be the identity of {@code fields.sender()}.
     *
     * @throws IllegalArgumentException if the identity is not the sender's, or the name is not valid Unicode
     */
    public static byte[] sign(Ed25519Identity sender, SignedFileFields fields) {
        return MessageSignatures.signAs(sender, fields.sender(), () -> encode(fields));
    }

    /** Whether {@code signature} is {@code fields.sender()}'s signature of {@code fields}. */
    public static boolean verify(SignedFileFields fields, byte[] signature) {
        return MessageSignatures.verifyEncoding(fields.sender(), () -> encode(fields), signature);
    }
}
