package org.torchat.daemon.session;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.torchat.daemon.store.StoredMessage;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/**
 * The frames that travel inside a session (docs/PROTOCOL.md, "Sessions"). No signatures: the session's MAC
 * authenticates them, and proves nothing to anyone else.
 */
public final class SessionFrames {
    private SessionFrames() {}

    /** A message: as the one-shot RECV, without {@code sig} and {@code proto}. */
    public static Message recv(OnionAddress self, StoredMessage m) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return Message.of(Command.RECV, self.hostname(), m.portno(), m.text())
                .withDate(m.dateText())
                .withExtension(Extensions.MESSAGE_ID, nodes.textNode(m.messageId()))
                .withExtension(Extensions.TIMESTAMP, nodes.numberNode(m.sentAt().toEpochMilli()));
    }

    /** Message {@code messageId} is stored. */
    static Message ack(OnionAddress self, String messageId) {
        return Message.of(Command.END, self.hostname(), 80, "")
                .withExtension(Extensions.MESSAGE_ID, JsonNodeFactory.instance.textNode(messageId));
    }

    /** Message {@code messageId} was not stored, and why; the sender tries it again later. */
    static Message refusal(OnionAddress self, String messageId, String reason) {
        return Message.of(Command.ERR, self.hostname(), 80, reason)
                .withExtension(Extensions.MESSAGE_ID, JsonNodeFactory.instance.textNode(messageId));
    }

    static Message ping(OnionAddress self) {
        return Message.of(Command.PING, self.hostname(), 80, "");
    }

    /** A PING that asks the contact to send {@code token} back at once. */
    static Message echo(OnionAddress self, String token) {
        return ping(self).withExtension(Extensions.ECHO, JsonNodeFactory.instance.textNode(token));
    }

    /** The answer to an echo request. */
    static Message echoed(OnionAddress self, String token) {
        return ping(self).withExtension(Extensions.ECHOED, JsonNodeFactory.instance.textNode(token));
    }

    static Message presence(OnionAddress self, Presence presence) {
        return Message.of(Command.PRESENCE, self.hostname(), 80, presence.wire());
    }
}
