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

    /**
     * Client requests: the daemon's control token (the hex text of {@code DATA_DIR/control.cookie}). Required when
     * the control listener is bound beyond loopback or {@code requiretoken} is set; ignored otherwise.
     */
    public static final String AUTH = "auth";
    /** How the ERR of a request without {@link #AUTH}, on a daemon that requires it, begins. */
    public static final String AUTH_REQUIRED = "authentication required";
    /** The ERR of a request whose {@link #AUTH} is not the daemon's token. */
    public static final String AUTH_WRONG = "wrong control token";

    /**
     * UPDATE and GET_PEERS requests: how long (milliseconds, 0..{@link #MAX_WAIT_MILLIS}) the daemon may hold the
     * connection when there is nothing unread, until a message arrives. Absent or 0: answer at once, as the seed.
     */
    public static final String WAIT = "wait";
    /** The longest {@link #WAIT} a daemon accepts: one minute. */
    public static final int MAX_WAIT_MILLIS = 60_000;
    /**
     * GET_PEERS reply: how many more peers have unread messages than the list holds (a list of every peer would
     * not fit in one frame beyond about 150 peers). Absent when the list is complete.
     */
    public static final String MORE = "more";

    /** CONTACTS: the contact's nickname, or null when it has none. */
    public static final String NICKNAME = "nickname";
    /** CONTACTS and REQUESTS: how many messages of the peer are unread. */
    public static final String UNREAD = "unread";
    /** CONTACTS and REQUESTS: when a message or an acknowledgement last arrived from the peer (ms), or null. */
    public static final String LAST_SEEN = "last_seen";
    /** CONTACTS and REQUESTS: when the peer became known (added, written to, or first wrote to us), in ms. */
    public static final String ADDED = "added";
    /** CONTACTS: whether messages from the peer are dropped (BLOCK). */
    public static final String BLOCKED = "blocked";
    /** CONTACTS: how many messages from the peer were dropped because it is blocked. */
    public static final String DROPPED = "dropped";
    /** CONTACTS: "contact", or for a blocked address that is not a contact "request" or "stranger". */
    public static final String CONTACT_STATE = "state";

    /** File transfer: the transfer's id, 128 random bits in hex chosen by the sending daemon. */
    public static final String TRANSFER_ID = "tid";
    /** File transfer: the file's size in bytes. */
    public static final String SIZE = "size";
    /** File transfer: the SHA-256 of the whole file, 64 lowercase hex digits. */
    public static final String SHA256 = "sha256";
    /** File transfer: where a chunk starts; in acknowledgements, how many bytes the receiver has stored durably. */
    public static final String OFFSET = "offset";
    /** File transfer: a chunk's bytes, standard base64 (at most {@link FileChunks#CHUNK_BYTES} bytes). */
    public static final String DATA = "data";
    /** File transfer: the receiver's decision on an offer, and a transfer's state in TRANSFERS. */
    public static final String STATE = "state";
    /** TRANSFERS: where a received file was saved (on the daemon's machine). */
    public static final String PATH = "path";
    /**
     * GET_PEERS reply: a token that changes whenever the list of requests (REQUESTS) changes, and only then, so that a
     * client reads REQUESTS again only when there is something new. Opaque: compare it, never parse it.
     */
    public static final String REQUESTS_VERSION = "requests";
    /**
     * GET_PEERS reply (with {@code wait}): a token that changes whenever an outgoing message's status (or last error)
     * or a file transfer's state or progress changes. A client that sends back the tokens it last saw in its waiting
     * GET_PEERS ({@link #REQUESTS_VERSION} too) is answered as soon as one differs. Opaque: compare it, never parse it.
     */
    public static final String DELIVERY_VERSION = "delivery";
    /**
     * GET_PEERS reply (with {@code wait}): a token that changes whenever a contact's presence changes; sent back, as
     * {@link #DELIVERY_VERSION}, a waiting GET_PEERS is answered when it differs. Clients then re-read CONTACTS.
     */
    public static final String PRESENCE_VERSION = "presence";
    /**
     * GET_PEERS reply (with {@code wait}): a token that changes whenever a group, its roster, our state in it or an
     * invitation changes (issue 16); clients then re-read GROUPS.
     */
    public static final String GROUPS_VERSION = "groups";
    /** SEARCH: the most matches wanted. */
    public static final String LIMIT = "limit";
    /** SEARCH: per match, how many messages of its conversation are newer (counted up to 1001). */
    public static final String NEWER = "newer";
    /** STATUS: history sealed at rest: "clear" (sealhistory off), "locked" or "unlocked". */
    public static final String HISTORY = "history";

    private Extensions() {}

    /** SESSION: which of the four handshake frames this is: hello, challenge, proof or ready. */
    public static final String STEP = "step";
    /** SESSION hello and challenge: the sender's fresh 32 random bytes (base64). */
    public static final String NONCE = "nonce";
    /** SESSION hello and challenge: the sender's ephemeral X25519 public key for this session (base64, 32 bytes). */
    public static final String EPHEMERAL = "eph";
    /** SESSION proof and ready: the sender's Ed25519 signature over the session transcript (base64, 64 bytes). */
    public static final String PROOF = "proof";
    /** Every frame inside a session: HMAC-SHA256 of the frame under the session's key (base64, 32 bytes). */
    public static final String MAC = "mac";
    /** CONTACTS: the contact's presence, online, away or offline. */
    public static final String PRESENCE = "presence";
    /** CONTACTS: the id of the session with the contact, when one is open (the same on both sides). */
    public static final String SESSION = "session";
    /** GROUP_CREATE's END, GROUPS: a group's id (32 hex digits). */
    public static final String GROUP = "group";
    /** GROUPS: how many members the group's roster lists. */
    public static final String MEMBERS = "members";
    /** GROUPS: the group's creator; GROUP_MEMBERS: whether this member created the group. */
    public static final String CREATOR = "creator";
    /** Group frames: a roster's version. */
    public static final String VERSION = "ver";
    /** GROUP_INVITE and GROUP_ROSTER in a session: the roster's members, an array of addresses in address order. */
    public static final String ROSTER = "roster";
    /** GROUP_INVITE and GROUP_ROSTER in a session: the creator's signature over the roster (base64). */
    public static final String ROSTER_SIGNATURE = "rsig";
    /** GROUP_HAVE: an object, author address to the highest sequence number held without a gap. */
    public static final String VECTOR = "vector";
    /** GROUP_HISTORY, GROUP_READ: the group's name (for a client that shows messages of several groups). */
    public static final String GROUP_NAME = "groupname";
    /** GROUP_HAVE: true when the vector names only the authors that moved since the last one. */
    public static final String DELTA = "delta";
    /** GROUP_MSG, GROUP_HISTORY, GROUP_READ: the message's author. */
    public static final String AUTHOR = "author";
    /** GROUP_MSG: the author's sequence number in the group (1, 2, 3, ...). */
    public static final String SEQUENCE = "seq";
    /** GROUP_INVITE at the control port: the addresses or nicknames to invite (an array). */
    public static final String PEERS = "peers";
    /** GROUP_MUTE, GROUPS, GROUP_MEMBERS: muted (true) or not. */
    public static final String MUTED = "muted";
    /** GROUP_INVITES: who invited us. */
    public static final String INVITED_BY = "invitedby";
    /** A PING in a session that asks for an answer: a token of at most 64 characters, sent back in {@code echoed}. */
    public static final String ECHO = "echo";
    /** The answer to a PING's {@code echo}: the same token. */
    public static final String ECHOED = "echoed";
    /** PING's END at the control port: the round trip over the session, in milliseconds. */
    public static final String ROUND_TRIP = "rtt";
}
