package org.torchat.daemon.transfer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Base64;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Transfer;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;
import org.torchat.protocol.signature.FileSignatures;
import org.torchat.protocol.signature.MessageSignatures;
import org.torchat.protocol.signature.SignedFileFields;
import org.torchat.protocol.signature.SignedFileFields.Kind;

/**
 * The signed frames of a file transfer between daemons (docs/PROTOCOL.md, "File transfer"), and their check on
 * arrival: both sides build the signed fields here, so they cannot disagree about what is signed.
 */
final class FileFrames {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FileFrames() {}

    static Message offer(Ed25519Identity self, Transfer t) {
        SignedFileFields f = offerFields(self.onionAddress(), t.peer(), t.transferId(), t.size(), t.sha256(), t.name());
        return signed(
                self,
                f,
                Message.of(Command.FILEBEGIN, self.onionAddress().hostname(), t.portno(), t.name())
                        .withExtension(Extensions.SIZE, NODES.numberNode(t.size()))
                        .withExtension(Extensions.SHA256, NODES.textNode(t.sha256())));
    }

    static Message chunk(Ed25519Identity self, Transfer t, long offset, byte[] bytes) {
        SignedFileFields f = chunkFields(self.onionAddress(), t.peer(), t.transferId(), offset, bytes);
        return signed(
                self,
                f,
                Message.of(Command.FILEDATA, self.onionAddress().hostname(), t.portno(), "")
                        .withExtension(Extensions.OFFSET, NODES.numberNode(offset))
                        .withExtension(
                                Extensions.DATA,
                                NODES.textNode(Base64.getEncoder().encodeToString(bytes))));
    }

    static Message end(Ed25519Identity self, Transfer t) {
        SignedFileFields f = endFields(self.onionAddress(), t.peer(), t.transferId(), t.size(), t.sha256());
        return signed(
                self,
                f,
                Message.of(Command.FILEEND, self.onionAddress().hostname(), t.portno(), "")
                        .withExtension(Extensions.SIZE, NODES.numberNode(t.size()))
                        .withExtension(Extensions.SHA256, NODES.textNode(t.sha256())));
    }

    static SignedFileFields offerFields(
            OnionAddress sender, OnionAddress recipient, String tid, long size, String sha256, String name) {
        return new SignedFileFields(Kind.OFFER, sender, recipient, tid, size, sha256, name);
    }

    static SignedFileFields chunkFields(
            OnionAddress sender, OnionAddress recipient, String tid, long offset, byte[] bytes) {
        return new SignedFileFields(Kind.CHUNK, sender, recipient, tid, offset, Spool.sha256(bytes), "");
    }

    static SignedFileFields endFields(
            OnionAddress sender, OnionAddress recipient, String tid, long size, String sha256) {
        return new SignedFileFields(Kind.END, sender, recipient, tid, size, sha256, "");
    }

    /** Refuses {@code frame} unless its signature is the sender's over {@code fields}. */
    static void verify(Message frame, SignedFileFields fields, String what) throws RequestException {
        if (!FileSignatures.verify(fields, FileArguments.signature(frame))) {
            throw new RequestException("bad signature on " + what + " of transfer " + fields.transferId() + " from "
                    + fields.sender() + " (forged, altered on the way, or meant for another recipient); dropped");
        }
    }

    private static Message signed(Ed25519Identity self, SignedFileFields f, Message frame) {
        byte[] sig = FileSignatures.sign(self, f);
        return frame.withExtension(Extensions.TRANSFER_ID, NODES.textNode(f.transferId()))
                .withExtension(Extensions.PROTO, NODES.numberNode(Extensions.PROTOCOL_VERSION))
                .withExtension(Extensions.SIGNATURE, NODES.textNode(MessageSignatures.toBase64(sig)));
    }
}
