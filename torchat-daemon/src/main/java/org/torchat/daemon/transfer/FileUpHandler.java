package org.torchat.daemon.transfer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torchat.daemon.control.PeerResolver;
import org.torchat.daemon.net.Arguments;
import org.torchat.daemon.net.FrameSource;
import org.torchat.daemon.net.Replies;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.net.StreamingHandler;
import org.torchat.daemon.store.Contacts;
import org.torchat.daemon.store.Direction;
import org.torchat.daemon.store.MessageIds;
import org.torchat.daemon.store.Transfer;
import org.torchat.daemon.store.TransferState;
import org.torchat.daemon.store.Transfers;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/**
 * FILEUP from a client (docs/PROTOCOL.md, "Sending a file"): the client streams the file itself, since it may run
 * on another machine. After the offer (peer, name, size, SHA-256) we answer END with the transfer id; then come
 * FILEDATA frames in order and FILEEND. Only a complete file whose hash matches, fsynced, is handed to the
 * {@link FileSender}; anything else is refused with ERR and leaves nothing behind.
 */
public final class FileUpHandler implements StreamingHandler {
    private static final Logger LOG = LoggerFactory.getLogger(FileUpHandler.class);

    private final OnionAddress self;
    private final Contacts contacts;
    private final PeerResolver peers;
    private final Transfers transfers;
    private final Spool spool;
    private final SpoolQuota quota;
    private final long maxSize;
    private final FileSender sender;
    private final Clock clock;

    FileUpHandler(
            OnionAddress self,
            Transfers transfers,
            Contacts contacts,
            Spool spool,
            SpoolQuota quota,
            long maxSize,
            FileSender sender,
            Clock clock) {
        this.self = self;
        this.contacts = contacts;
        this.peers = new PeerResolver(contacts);
        this.transfers = transfers;
        this.spool = spool;
        this.quota = quota;
        this.maxSize = maxSize;
        this.sender = sender;
        this.clock = clock;
    }

    @Override
    public void handle(Message offer, FrameSource more, ReplySink replies) throws RequestException, IOException {
        OnionAddress peer = peers.resolve(offer.id(), "id");
        if (contacts.isBlocked(peer)) {
            throw new RequestException(peer + " is blocked: UNBLOCK it before sending it files");
        }
        int portno = Arguments.tcpPort(offer.portno(), "portno");
        String name = FileArguments.name(offer);
        long size = FileArguments.bytes(offer, Extensions.SIZE);
        String sha256 = FileArguments.sha256(offer);
        if (size > maxSize) {
            throw new RequestException("file too large: " + size + " bytes, the limit (filemaxsize) is " + maxSize);
        }
        String tid = MessageIds.random();
        Path file = spool.createOutgoing(tid);
        Transfer t;
        try {
            t = quota.reserve(
                    size,
                    () -> transfers.create(
                            tid,
                            peer,
                            Direction.OUT,
                            name,
                            size,
                            sha256,
                            TransferState.UPLOADING,
                            portno,
                            file,
                            clock.instant()));
        } catch (RequestException e) {
            Spool.deleteQuietly(file);
            throw e;
        }
        contacts.makeContact(peer, clock.instant()); // as SEND does: its answers must not wait among the requests
        boolean kept = false;
        try {
            replies.send(reply(offer, tid, TransferState.UPLOADING));
            receive(t, file, more);
            transfers.update(t, TransferState.OFFERED, 0, clock.instant());
            kept = true;
        } finally {
            if (!kept) {
                transfers.delete(t);
                Spool.deleteQuietly(file);
            }
        }
        LOG.info("FILEUP {} to {}: {} bytes spooled, queued for sending", tid, peer, size);
        sender.wake(tid);
        replies.send(reply(offer, tid, TransferState.OFFERED));
    }

    /** Reads the chunks into {@code file}, checks size and hash, and makes the file durable. */
    private void receive(Transfer t, Path file, FrameSource more) throws RequestException, IOException {
        MessageDigest digest = Spool.newSha256();
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long written = 0;
            while (true) {
                Message frame = more.next()
                        .orElseThrow(() -> new RequestException(
                                "the client closed the connection before FILEEND; the upload is discarded"));
                if (frame.cmd() == Command.FILEEND) {
                    break;
                }
                if (frame.cmd() != Command.FILEDATA) {
                    throw new RequestException("expected FILEDATA or FILEEND after FILEUP, got " + frame.cmd());
                }
                long offset = FileArguments.bytes(frame, Extensions.OFFSET);
                byte[] chunk = FileArguments.chunk(frame);
                if (offset != written) {
                    throw new RequestException("FILEDATA at offset " + offset + ", expected " + written);
                }
                if (written + chunk.length > t.size()) {
                    throw new RequestException("more data than the announced size of " + t.size() + " bytes");
                }
                out.write(ByteBuffer.wrap(chunk));
                digest.update(chunk);
                written += chunk.length;
            }
            if (written != t.size()) {
                throw new RequestException("FILEEND after " + written + " of " + t.size() + " bytes");
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(t.sha256())) {
                throw new RequestException("SHA-256 mismatch: the file's bytes hash to " + actual + ", not "
                        + t.sha256() + " as announced; discarded");
            }
            out.force(true);
        }
    }

    private Message reply(Message offer, String tid, TransferState state) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return Replies.end(self.hostname(), offer.portno(), tid)
                .withExtension(Extensions.TRANSFER_ID, nodes.textNode(tid))
                .withExtension(Extensions.STATE, nodes.textNode(state.dbValue()));
    }
}
