package org.torchat.protocol.signature;

import java.util.Objects;
import org.torchat.protocol.onion.OnionAddress;

/**
 * What the signature of a file-transfer frame covers ({@link FileSignatures}). {@code number} and {@code digest}
 * depend on the kind: for an offer (FILEBEGIN) and the end (FILEEND) the file's size and SHA-256, for a chunk
 * (FILEDATA) its offset and the SHA-256 of its bytes. {@code name} is the offered file name, empty for the others.
 */
public record SignedFileFields(
        Kind kind,
        OnionAddress sender,
        OnionAddress recipient,
        String transferId,
        long number,
        String digest,
        String name) {
    /** Which frame is signed; part of the signed bytes, so a signature of one kind never fits another. */
    public enum Kind {
        OFFER,
        CHUNK,
        END
    }

    public SignedFileFields {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(transferId, "transferId");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(name, "name");
    }
}
