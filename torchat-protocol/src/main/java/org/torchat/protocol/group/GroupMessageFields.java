package org.torchat.protocol.group;

import java.util.Objects;
import org.torchat.protocol.onion.OnionAddress;

/**
 * What the signature of a group message covers ({@link GroupSignatures}): the group, its author, the author's own
 * sequence number in that group (1, 2, 3, ...: members show one author's messages in this order and see a gap as
 * something still to fetch), the message id, the author's time and the text. Members pass the message on unchanged,
 * so the signature, not the member it came from, says who wrote it.
 */
public record GroupMessageFields(
        String groupId, OnionAddress author, long seq, String messageId, long timestamp, String text) {
    public GroupMessageFields {
        GroupIds.require(groupId);
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(text, "text");
        if (seq < 1) {
            throw new IllegalArgumentException("an author's sequence in a group starts at 1, got " + seq);
        }
    }
}
