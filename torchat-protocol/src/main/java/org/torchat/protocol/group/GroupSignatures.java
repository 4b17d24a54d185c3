package org.torchat.protocol.group;

import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.signature.CanonicalEncoding;
import org.torchat.protocol.signature.MessageSignatures;

/**
 * Signatures of group messages and rosters (issue 16). The same key and checks as one-to-one signed messages
 * ({@link MessageSignatures}), over encodings of their own, each with its label, so that no signature of one kind
 * is valid as another:
 * <pre>
 *   message                                 roster
 *   string "torchat-group-message-v1"       string "torchat-group-roster-v1"
 *   string group id                         string group id
 *   string author address                   string creator address
 *   int64  the author's sequence number     int64  version
 *   string message id                       string name
 *   int64  timestamp (ms)                   uint32 number of members
 *   string text                             string each member's address, in address order
 * </pre>
 * A group message's signature binds the group, the author, the message id and the time: it cannot be moved to
 * another group, attributed to another member or altered by whoever passes it on. That is also why group messages
 * are not deniable, where messages inside a session are.
 */
public final class GroupSignatures {
    public static final String MESSAGE_LABEL = "torchat-group-message-v1";
    public static final String ROSTER_LABEL = "torchat-group-roster-v1";

    private GroupSignatures() {}

    public static byte[] encode(GroupMessageFields m) {
        return new CanonicalEncoding(200 + m.text().length() * 3)
                .putString(MESSAGE_LABEL, "label")
                .putString(m.groupId(), "group id")
                .putString(m.author().hostname(), "author")
                .putLong(m.seq())
                .putString(m.messageId(), "message id")
                .putLong(m.timestamp())
                .putString(m.text(), "text")
                .bytes();
    }

    public static byte[] encode(RosterFields r) {
        CanonicalEncoding e = new CanonicalEncoding(200 + 64 * r.members().size())
                .putString(ROSTER_LABEL, "label")
                .putString(r.groupId(), "group id")
                .putString(r.creator().hostname(), "creator")
                .putLong(r.version())
                .putString(r.name(), "name")
                .putInt(r.members().size());
        r.members().forEach(member -> e.putString(member.hostname(), "member"));
        return e.bytes();
    }

    /**
     * Signs as {@code author}, which must be the message's author.
     *
     * @throws IllegalArgumentException for another author, or a text that is not valid Unicode
     */
    public static byte[] sign(Ed25519Identity author, GroupMessageFields m) {
        return MessageSignatures.signAs(author, m.author(), () -> encode(m));
    }

    /**
     * Signs as {@code creator}, which must be the roster's creator: only the creator issues member lists.
     *
     * @throws IllegalArgumentException for another creator, or a name that is not valid Unicode
     */
    public static byte[] sign(Ed25519Identity creator, RosterFields r) {
        return MessageSignatures.signAs(creator, r.creator(), () -> encode(r));
    }

    /** Whether {@code signature} is the author's over {@code m}. */
    public static boolean verify(GroupMessageFields m, byte[] signature) {
        return MessageSignatures.verifyEncoding(m.author(), () -> encode(m), signature);
    }

    /** Whether {@code signature} is the creator's over {@code r}. */
    public static boolean verify(RosterFields r, byte[] signature) {
        return MessageSignatures.verifyEncoding(r.creator(), () -> encode(r), signature);
    }
}
