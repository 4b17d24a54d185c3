package org.torchat.daemon.delivery;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.torchat.daemon.store.StoredMessage;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;
import org.torchat.protocol.signature.MessageSignatures;
import org.torchat.protocol.signature.SignedFields;

/**
 * The RECV frame a stored outgoing message travels as: the seed's fields plus id, timestamp, version and our
 * signature over (us, the recipient, id, timestamp, text). Ed25519 is deterministic: every retry of a message
 * sends the same frame.
 */
public final class PeerFrames {
    private PeerFrames() {}

    /** The frame for {@code m}, addressed to {@code m.peer()}. */
    public static Message recv(Ed25519Identity self, StoredMessage m) {
        return recv(
                self,
                m.peer(),
                m.portno(),
                m.text(),
                m.dateText(),
                m.messageId(),
                m.sentAt().toEpochMilli());
    }

    /**
     * @throws IllegalArgumentException if the text is not valid Unicode (a lone surrogate): it cannot be signed
     */
    public static Message recv(
            Ed25519Identity self,
            OnionAddress recipient,
            int portno,
            String text,
            String date,
            String messageId,
            long sentAtMillis) {
        OnionAddress sender = self.onionAddress();
        byte[] signature =
                MessageSignatures.sign(self, new SignedFields(sender, recipient, messageId, sentAtMillis, text));
        return frame(sender, portno, text, date, messageId, sentAtMillis, signature);
    }

    /**
     * The RECV frame {@link #recv} would make, as long as it, but with a signature that signs nothing: SEND checks
     * that a message fits in a frame without paying for a signature (about half a millisecond) it then throws away.
     *
     * @throws IllegalArgumentException if the text is not valid Unicode (a lone surrogate): it cannot be signed
     */
    public static Message recvShape(
            OnionAddress sender,
            OnionAddress recipient,
            int portno,
            String text,
            String date,
            String messageId,
            long sentAtMillis) {
        MessageSignatures.encode(new SignedFields(sender, recipient, messageId, sentAtMillis, text));
        return frame(sender, portno, text, date, messageId, sentAtMillis, new byte[MessageSignatures.SIGNATURE_LENGTH]);
    }

    private static Message frame(
            OnionAddress sender,
            int portno,
            String text,
            String date,
            String messageId,
            long sentAtMillis,
            byte[] signature) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return Message.of(Command.RECV, sender.hostname(), portno, text)
                .withDate(date)
                .withExtension(Extensions.MESSAGE_ID, nodes.textNode(messageId))
                .withExtension(Extensions.TIMESTAMP, nodes.numberNode(sentAtMillis))
                .withExtension(Extensions.PROTO, nodes.numberNode(Extensions.PROTOCOL_VERSION))
                .withExtension(Extensions.SIGNATURE, nodes.textNode(MessageSignatures.toBase64(signature)));
    }
}
