package org.torchat.protocol.signature;

import java.util.Base64;
import java.util.function.Supplier;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;

/**
 * Signatures of messages between daemons (docs/PROTOCOL.md, "Signed messages"). The sender signs, with the
 * Ed25519 key its onion address is derived from, a canonical encoding of {@link SignedFields}; the receiver
 * takes the public key from the claimed sender address and checks the signature, with itself as recipient.
 *
 * <p>The encoding, all integers big-endian, every string as a 4-byte length followed by its UTF-8 bytes:
 * <pre>
 *   string  "torchat-message-v2"      domain separation: these bytes are never a valid signed text of anything else
 *   uint32  2                         the encoding's version
 *   string  sender address            canonical: 56 lowercase base32 characters + ".onion"
 *   string  recipient address         canonical, as the sender
 *   string  message id                the frame's "mid"
 *   int64   timestamp                 the frame's "ts", milliseconds since the epoch
 *   string  text                      the frame's "msg"
 * </pre>
 * Fixed sizes and length prefixes make the encoding unambiguous: two different field tuples never encode to
 * the same bytes. Strings must be well-formed Unicode (a lone surrogate has no UTF-8 form and is refused).
 */
public final class MessageSignatures {
    /** The domain-separation label at the start of every signed encoding. */
    public static final String LABEL = "torchat-message-v2";
    /** The encoding's version; it changes, with the label, only if the encoding itself changes. */
    public static final int VERSION = 2;
    /** An Ed25519 signature has 64 bytes. */
    public static final int SIGNATURE_LENGTH = 64;
    /**
     * The encodings of the eight points of small order (as libsodium lists them; the sign bit, the top bit of the
     * last byte, is ignored when comparing). Under such a "public key" signatures can be made without any secret
     * (for the neutral point, R = neutral and S = 0 verifies for every message), so nobody can prove to hold it.
     */
    private static final byte[][] SMALL_ORDER_KEYS = {
        hex("0000000000000000000000000000000000000000000000000000000000000000"),
        hex("0100000000000000000000000000000000000000000000000000000000000000"),
        hex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"),
        hex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"),
        hex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
        hex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
        hex("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
    };

    private MessageSignatures() {}

    /** The canonical bytes the signature is made over. */
    public static byte[] encode(SignedFields fields) {
        return new CanonicalEncoding(160 + fields.text().length() * 3)
                .putString(LABEL, "label")
                .putInt(VERSION)
                .putString(fields.sender().hostname(), "sender")
                .putString(fields.recipient().hostname(), "recipient")
                .putString(fields.messageId(), "message id")
                .putLong(fields.timestamp())
                .putString(fields.text(), "text")
                .bytes();
    }

    /**
     * Signs {@code fields} as {@code sender}, which must be the identity of {@code fields.sender()}: a daemon signs
     * only in its own name.
     *
     * @throws IllegalArgumentException if the identity is not the sender's, or a field is not valid Unicode
     */
    public static byte[] sign(Ed25519Identity sender, SignedFields fields) {
        return signAs(sender, fields.sender(), () -> encode(fields));
    }

    /**
     * Signs the bytes {@code encoding} makes as {@code named}, which must be {@code identity}'s address: every kind of
     * signature (messages, file frames, group messages and rosters) refuses to sign in another's name here.
     *
     * @throws IllegalArgumentException if {@code named} is not {@code identity}'s address, or the encoding fails
     */
    public static byte[] signAs(Ed25519Identity identity, OnionAddress named, Supplier<byte[]> encoding) {
        OnionAddress own = identity.onionAddress();
        if (!own.equals(named)) {
            throw new IllegalArgumentException("cannot sign as " + named + " with the key of " + own);
        }
        return identity.sign(encoding.get());
    }

    /**
     * Whether {@code signature} is a valid signature of {@code fields} by the key of {@code fields.sender()} (a v3
     * onion address is its service's public key). False for a signature of the wrong size, for fields that
     * cannot be encoded (a text with a lone surrogate can never have been signed), and for a sender whose key is
     * a point of small order (anyone can sign for it; the JDK's Ed25519 does not refuse such keys).
     */
    public static boolean verify(SignedFields fields, byte[] signature) {
        return verifyEncoding(fields.sender(), () -> encode(fields), signature);
    }

    /**
     * Whether {@code signature} is {@code sender}'s over the bytes {@code encoding} makes; false when those bytes cannot
     * be made (a field that is not valid Unicode), for a signature of the wrong size and for a small-order key.
     */
    public static boolean verifyEncoding(OnionAddress sender, Supplier<byte[]> encoding, byte[] signature) {
        if (signature == null || signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        byte[] publicKey = sender.publicKey();
        if (hasSmallOrder(publicKey)) {
            return false;
        }
        byte[] encoded;
        try {
            encoded = encoding.get();
        } catch (IllegalArgumentException e) {
            return false;
        }
        return Ed25519Identity.verify(publicKey, encoded, signature);
    }

    /**
     * Whether {@code signature} is {@code signer}'s over {@code data}, with the same refusals as {@link #verify}: for
     * proofs whose bytes are made elsewhere (a session's transcript).
     */
    public static boolean verifyRaw(OnionAddress signer, byte[] data, byte[] signature) {
        return verifyEncoding(signer, () -> data, signature);
    }

    /** The wire form of a signature: standard base64 with padding (88 characters). */
    public static String toBase64(byte[] signature) {
        return Base64.getEncoder().encodeToString(signature);
    }

    /**
     * Parses the wire form of a signature.
     *
     * @throws IllegalArgumentException if {@code text} is not standard base64 of exactly 64 bytes
     */
    public static byte[] fromBase64(String text) {
        byte[] signature = Base64.getDecoder().decode(text);
        if (signature.length != SIGNATURE_LENGTH) {
            throw new IllegalArgumentException(
                    "an Ed25519 signature has " + SIGNATURE_LENGTH + " bytes, this has " + signature.length);
        }
        if (!toBase64(signature).equals(text)) {
            // Base64 allows stray bits in the last character; only the canonical form is accepted.
            throw new IllegalArgumentException("not the canonical base64 form");
        }
        return signature;
    }

    /** Whether {@code publicKey} encodes a point of small order, canonically or not, with either sign. */
    static boolean hasSmallOrder(byte[] publicKey) {
        for (byte[] bad : SMALL_ORDER_KEYS) {
            int diff = (publicKey[31] & 0x7f) ^ bad[31];
            for (int i = 0; i < 31; i++) {
                diff |= publicKey[i] ^ bad[i];
            }
            if (diff == 0) {
                return true;
            }
        }
        return false;
    }

    private static byte[] hex(String hex) {
        return java.util.HexFormat.of().parseHex(hex);
    }
}
