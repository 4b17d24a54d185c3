package org.torchat.daemon.group;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.torchat.daemon.store.GroupMessage;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.group.GroupMessageFields;

/**
 * A stored group message as clients get it (GROUP_HISTORY, GROUP_READ): {@code id} the author, {@code msg} the text,
 * {@code date} the author's time in the daemon's zone, {@code group}, {@code groupname}, {@code seq}, {@code mid},
 * {@code time} (ms).
 */
final class GroupMessageFrames {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private GroupMessageFrames() {}

    static Message frame(Command cmd, GroupMessage stored, String groupName, int portno, ZoneId zone) {
        GroupMessageFields m = stored.fields();
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        Instant time = Instant.ofEpochMilli(m.timestamp());
        return Message.of(cmd, m.author().hostname(), portno, m.text())
                .withDate(DATE.format(time.atZone(zone)))
                .withExtension(Extensions.GROUP, nodes.textNode(m.groupId()))
                .withExtension(Extensions.GROUP_NAME, nodes.textNode(groupName))
                .withExtension(Extensions.SEQUENCE, nodes.numberNode(m.seq()))
                .withExtension(Extensions.MESSAGE_ID, nodes.textNode(m.messageId()))
                .withExtension(Extensions.TIME, nodes.numberNode(m.timestamp()));
    }
}
