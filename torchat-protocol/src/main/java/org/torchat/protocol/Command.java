package org.torchat.protocol;

import java.util.Optional;

/**
 * The {@code cmd} values of the wire protocol. The first nine are the seed's; the four FILE commands are
 * the seed's planned (never finished) file transfer; later ones are extensions (docs/PROTOCOL.md). Names are
 * case-sensitive on the wire, as in the seed.
 */
public enum Command {
    SEND,
    RECV,
    UPDATE,
    GET_PEERS,
    HISTORY,
    HOST,
    END,
    ERR,
    EXIT,
    FILEUP,
    FILEBEGIN,
    FILEDATA,
    FILEEND,
    /** Extension (protocol 2): the daemon's state, e.g. Tor's bootstrap progress and whether we are published. */
    STATUS,
    /** Extension (protocol 2): the contact list, one CONTACTS frame per contact, then END with the count. */
    CONTACTS,
    /** Extension: makes {@code id} a contact, with the nickname in {@code msg} (empty: none). */
    ADD_CONTACT,
    /** Extension: gives the contact {@code id} the nickname in {@code msg} (empty: removes it). */
    RENAME,
    /** Extension: {@code id} is no longer a contact; its history stays. */
    REMOVE_CONTACT,
    /** Extension: messages from {@code id} are dropped before storage. */
    BLOCK,
    /** Extension: undoes BLOCK. */
    UNBLOCK,
    /** Extension: strangers who wrote to us, one REQUESTS frame each with the first message, then END. */
    REQUESTS,
    /** Extension: makes the stranger {@code id} a contact (nickname in {@code msg}, may be empty). */
    ACCEPT,
    /** Extension (protocol 2): the daemon's file transfers, both directions, one frame each. */
    TRANSFERS,
    /** Extension (protocol 2): the user accepts an incoming file offer (transfer id in {@code msg}). */
    FILEACCEPT,
    /** Extension (protocol 2): the user refuses an incoming file offer (transfer id in {@code msg}). */
    FILEREJECT,
    /**
     * Extension (protocol 2, issue 17): a consistent snapshot of the daemon's identity, store and settings, streamed
     * to the client as BACKUP frames ({@code offset}, {@code data}), then END with {@code size} and {@code sha256}.
     * The client encrypts it; the daemon never sees the passphrase.
     */
    BACKUP,
    /** Extension (protocol 2, issue 17): the whole conversation with {@code id}, as HISTORY frames, then END. */
    EXPORT,
    /**
     * Extension: stored messages whose words match {@code msg} (in the conversation with {@code id}, or in all when
     * {@code id} is empty), newest first, one SEARCH frame each, then END with the count.
     */
    SEARCH,
    /**
     * Extension (protocol 2, sessions): the four handshake frames that open a mutually authenticated session between
     * two contacts' daemons ({@code step} hello, challenge, proof, ready; docs/PROTOCOL.md, "Sessions").
     */
    SESSION,
    /** Extension (sessions): a heartbeat; each side sends one when it has sent nothing for a heartbeat interval. */
    PING,
    /** Extension (sessions): the sender's presence in {@code msg}: online or away. */
    PRESENCE,
    /** Extension (control): the user is active at a client, so the daemon is not away (docs/PROTOCOL.md). */
    ACTIVITY,
    /**
     * Extension (protocol 2, issue 17): the passphrase in {@code msg} opens the key of history sealed at rest
     * (sealhistory); clients read history until LOCK or the daemon's end. END "unlocked", or ERR.
     */
    UNLOCK,
    /** Extension (protocol 2, issue 17): forgets the key UNLOCK opened; history is unreadable again. */
    LOCK,
    /** Extension (issue 16): creates a group named {@code msg}, with us as its creator; END carries its id. */
    GROUP_CREATE,
    /** Extension (issue 16): the groups we know, one GROUPS frame each, then END with the count. */
    GROUPS,
    /** Extension (issue 16): the members of group {@code msg} (id or unique name), one frame each, then END. */
    GROUP_MEMBERS,
    /**
     * Extension (issue 16). At the control port: the creator invites {@code peers} to group {@code msg}. Inside a
     * session: the creator's invitation, with the group's signed roster.
     */
    GROUP_INVITE,
    /** Extension (issue 16, control): the invitations we have not answered, one frame each, then END. */
    GROUP_INVITES,
    /** Extension (issue 16): accept the invitation to group {@code msg} (control), or say so to its creator (session). */
    GROUP_JOIN,
    /** Extension (issue 16): decline the invitation to group {@code msg} (control), or say so to its creator. */
    GROUP_DECLINE,
    /** Extension (issue 16): leave group {@code msg} (control), or say so to its creator (session). */
    GROUP_LEAVE,
    /** Extension (issue 16, control): the creator removes member {@code id} from group {@code msg}. */
    GROUP_REMOVE,
    /** Extension (issue 16, control): writes {@code msg} to group {@code group}, signed by us. */
    GROUP_SEND,
    /** Extension (issue 16, control): the last messages of group {@code msg}, one frame each, then END. */
    GROUP_HISTORY,
    /** Extension (issue 16, control): unread group messages, oldest first, one frame each, marked read; then END. */
    GROUP_READ,
    /** Extension (issue 16, control): mutes (or with {@code muted} false unmutes) group {@code msg} or a member. */
    GROUP_MUTE,
    /** Extension (issue 16, session): a group's roster, signed by its creator; kept when newer. */
    GROUP_ROSTER,
    /** Extension (issue 16, session): per author, the highest sequence number we hold in a group: send what we lack. */
    GROUP_HAVE,
    /** Extension (issue 16, session): one group message with its author's signature, from its author or a member. */
    GROUP_MSG;

    /** The command spelled exactly {@code wire}, or empty: an unknown name is never an exception. */
    public static Optional<Command> fromWire(String wire) {
        for (Command c : values()) {
            if (c.name().equals(wire)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** END and ERR only ever travel as replies. */
    public boolean isReply() {
        return this == END || this == ERR;
    }
}
