package org.torchat.daemon.delivery;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.torchat.daemon.store.StoredMessage;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/** The RECV frame a stored outgoing message travels as: the seed's fields plus id, timestamp and version. */
public final class PeerFrames {
    private PeerFrames() {
    }

    public static Message recv(OnionAddress self, StoredMessage m) {
        return recv(self, m.portno(), m.text(), m.dateText(), m.messageId(), m.sentAt().toEpochMilli());
    }

    public static Message recv(OnionAddress self, int portno, String text, String date, String messageId, long sentAtMillis) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return Message.of(Command.RECV, self.hostname(), portno, text)
                .withDate(date)
                .withExtension(Extensions.MESSAGE_ID, nodes.textNode(messageId))
                .withExtension(Extensions.TIMESTAMP, nodes.numberNode(sentAtMillis))
                .withExtension(Extensions.PROTO, nodes.numberNode(Extensions.PROTOCOL_VERSION));
    }
}
