package org.torchat.protocol;

/**
 * Names of the additive fields TORchat for Java adds to the seed's messages (docs/PROTOCOL.md). Peers and
 * clients that do not know them ignore them.
 */
public final class Extensions {
    /** The protocol version a sender speaks; absent means 1, the seed protocol. */
    public static final String PROTO = "proto";
    /** This implementation's protocol version: 2 adds message ids, timestamps and acknowledgements. */
    public static final int PROTOCOL_VERSION = 2;
    /** A message's id: 128 random bits in hex, chosen by the sender; the receiver drops repeats. */
    public static final String MESSAGE_ID = "mid";
    /** When the sender sent the message, in milliseconds since the epoch. */
    public static final String TIMESTAMP = "ts";
    /** HISTORY: "in" (from the peer) or "out" (to the peer). */
    public static final String DIRECTION = "direction";
    /** HISTORY: received, queued, sent, delivered or failed. */
    public static final String STATUS = "status";
    /** HISTORY: when the message was sent (out) or arrived (in), in milliseconds since the epoch. */
    public static final String TIME = "time";

    /** HISTORY: why the last delivery attempt of an outgoing message failed, if it did. */
    public static final String ERROR = "error";
    /**
     * RECV between daemons: the sender's Ed25519 signature (base64, 64 bytes) over the message's canonical encoding
     * ({@link org.torchat.protocol.signature.MessageSignatures}). Absent from the original C daemon's frames.
     */
    public static final String SIGNATURE = "sig";
    /**
     * HISTORY: on an incoming message, whether it carried a valid signature by the sender (true) or none (false);
     * on the END that closes the history, whether the peer has ever sent a message with a valid signature.
     */
    public static final String VERIFIED = "verified";

    private Extensions() {
    }
}
