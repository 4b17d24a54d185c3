package org.torchat.daemon.transfer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torchat.daemon.net.Arguments;
import org.torchat.daemon.net.FrameSource;
import org.torchat.daemon.net.Replies;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.net.StreamingHandler;
import org.torchat.daemon.store.ChangeSignal;
import org.torchat.daemon.store.Direction;
import org.torchat.daemon.store.Transfer;
import org.torchat.daemon.store.TransferState;
import org.torchat.daemon.store.Transfers;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.FileChunks;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/**
 * FILEBEGIN from a peer, and the chunks that follow it on the same connection (docs/PROTOCOL.md, "File transfer").
 * Every frame must be signed by the sender for us. A new offer is stored under a sanitised name and waits for our
 * user unless the acceptance policy takes it; an accepted one is received into a private partial file from the
 * offset we have made durable, acknowledged (after fsync) every {@link FileChunks#ACK_EVERY} chunks, and saved in
 * downloads only once its SHA-256 matches the offer. Data beyond the offered size or a wrong hash drops the
 * transfer for good (ERR with {@code state} failed); a chunk with a bad signature is not written (ERR).
 */
public final class FileBeginHandler implements StreamingHandler {
    private static final Logger LOG = LoggerFactory.getLogger(FileBeginHandler.class);
    /** How long an offer waiting for our user holds the connection, so that an accept starts the transfer at once. */
    static final Duration HOLD = Duration.ofSeconds(20);
    /** Offers one peer may leave waiting for our user; more get ERR until the user decides. */
    static final int MAX_WAITING_OFFERS = 16;
    /** Offers all peers together may leave waiting: made-up sender addresses cost a flood nothing else. */
    static final int MAX_WAITING_OFFERS_TOTAL = 256;

    private final OnionAddress self;
    private final Transfers transfers;
    private final Spool spool;
    private final SpoolQuota quota;
    private final AcceptancePolicy policy;
    private final long maxSize;
    private final ChangeSignal decisions;
    private final Clock clock;
    /** Transfers being received right now: a second connection for one of them would interleave its writes. */
    private final Set<String> active = ConcurrentHashMap.newKeySet();

    FileBeginHandler(
            OnionAddress self,
            Transfers transfers,
            Spool spool,
            SpoolQuota quota,
            AcceptancePolicy policy,
            long maxSize,
            ChangeSignal decisions,
            Clock clock) {
        this.self = self;
        this.transfers = transfers;
        this.spool = spool;
        this.quota = quota;
        this.policy = policy;
        this.maxSize = maxSize;
        this.decisions = decisions;
        this.clock = clock;
    }

    @Override
    public void handle(Message offer, FrameSource more, ReplySink replies) throws RequestException, IOException {
        FileArguments.protocol2(offer);
        OnionAddress sender = Arguments.onion(offer.id(), "id");
        String tid = FileArguments.transferId(offer);
        long size = FileArguments.bytes(offer, Extensions.SIZE);
        String sha256 = FileArguments.sha256(offer);
        String name = FileArguments.name(offer);
        // Who may offer at all is known from the claimed address alone: strangers are turned away before their
        // signature costs us a check, so a flood of offers under made-up addresses costs a lookup each.
        Optional<String> refusal = policy.refusal(sender);
        if (refusal.isPresent()) {
            refuse(replies, offer, TransferState.REJECTED, refusal.get());
            return;
        }
        FileFrames.verify(offer, FileFrames.offerFields(sender, self, tid, size, sha256, name), "the offer");
        String key = sender.hostname() + "/" + tid;
        if (!active.add(key)) {
            throw new RequestException("transfer " + tid + " is already being received on another connection");
        }
        try {
            serve(offer, sender, tid, size, sha256, name, more, replies);
        } finally {
            active.remove(key);
        }
    }

    private void serve(
            Message offer,
            OnionAddress sender,
            String tid,
            long size,
            String sha256,
            String name,
            FrameSource more,
            ReplySink replies)
            throws RequestException, IOException {
        if (size > maxSize) {
            refuse(
                    replies,
                    offer,
                    TransferState.REJECTED,
                    "file too large: " + size + " bytes, this daemon takes at most " + maxSize + " (filemaxsize)");
            return;
        }
        Optional<Transfer> known = transfers.find(sender, Direction.IN, tid);
        Transfer t = known.isPresent() ? known.get() : newOffer(sender, tid, size, sha256, name);
        if (t.size() != size || !t.sha256().equals(sha256)) {
            refuse(
                    replies,
                    offer,
                    TransferState.REJECTED,
                    "transfer id " + tid + " was offered before for another file");
            return;
        }
        if (t.state() == TransferState.OFFERED) {
            t = awaitDecision(t);
        }
        switch (t.state()) {
            case OFFERED -> replies.send(answer(offer, tid, TransferState.OFFERED, 0));
            case RECEIVING -> receive(offer, t, more, replies);
            case COMPLETE -> replies.send(answer(offer, tid, TransferState.COMPLETE, t.size()));
            default -> refuse(replies, offer, t.state(), t.lastError() == null ? "refused" : t.lastError());
        }
    }

    private Transfer newOffer(OnionAddress sender, String tid, long size, String sha256, String name)
            throws RequestException {
        if (transfers.offersWaiting(sender) >= MAX_WAITING_OFFERS
                || transfers.offersWaiting() >= MAX_WAITING_OFFERS_TOTAL) {
            throw new RequestException("too many offers waiting for the user (at most " + MAX_WAITING_OFFERS
                    + " from one peer, " + MAX_WAITING_OFFERS_TOTAL + " in all); offer again later");
        }
        String safeName = FileNames.sanitise(name);
        Transfer t = transfers.create(
                tid, sender, Direction.IN, safeName, size, sha256, TransferState.OFFERED, 80, null, clock.instant());
        if (policy.acceptsAtOnce(sender, size)) {
            try {
                t = quota.reserve(
                        size,
                        () -> transfers.update(
                                transfers.find(sender, Direction.IN, tid).orElseThrow(),
                                TransferState.RECEIVING,
                                0,
                                clock.instant()));
            } catch (RequestException e) {
                LOG.warn("file offer {} from {} not accepted by itself: {}", tid, sender, e.getMessage());
            }
        }
        LOG.info(
                "file offer {} from {}: \"{}\" ({} bytes){}",
                tid,
                sender,
                safeName,
                size,
                t.state() == TransferState.RECEIVING ? ", accepted" : ", waiting for the user (FILEACCEPT)");
        decisions.signal();
        return t;
    }

    /** Holds the connection up to {@link #HOLD} while our user has not decided on {@code t}. */
    private Transfer awaitDecision(Transfer t) {
        long deadline = System.nanoTime() + HOLD.toNanos();
        Transfer current = t;
        try {
            while (current.state() == TransferState.OFFERED) {
                long seen = decisions.generation();
                current = transfers.find(t.peer(), Direction.IN, t.transferId()).orElse(current);
                long left = deadline - System.nanoTime();
                if (current.state() != TransferState.OFFERED || left <= 0 || decisions.isClosed()) {
                    break;
                }
                decisions.awaitChange(seen, Duration.ofNanos(left));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return current;
    }

    private void receive(Message offer, Transfer t, FrameSource more, ReplySink replies)
            throws RequestException, IOException {
        Receiving r = new Receiving(t, spool.openPartial(t.peer(), t.transferId(), t.offset()));
        try (FileChannel ignored = r.out) {
            try {
                replies.send(answer(offer, t.transferId(), TransferState.RECEIVING, r.durable));
                Optional<Message> next;
                while (!r.settled && (next = more.next()).isPresent()) {
                    Message frame = next.get();
                    if (frame.cmd() == Command.FILEEND) {
                        complete(offer, r, frame, replies);
                    } else if (frame.cmd() == Command.FILEDATA) {
                        chunk(offer, r, frame, replies);
                    } else {
                        throw new RequestException(
                                "expected FILEDATA or FILEEND in transfer " + t.transferId() + ", got " + frame.cmd());
                    }
                }
            } finally {
                if (!r.settled && r.written > r.durable) {
                    r.persist(); // what was verified and written is kept: the sender resumes after it
                }
            }
        }
    }

    private void chunk(Message offer, Receiving r, Message frame, ReplySink replies)
            throws RequestException, IOException {
        sameTransfer(frame, r.t);
        long offset = FileArguments.bytes(frame, Extensions.OFFSET);
        byte[] bytes = FileArguments.chunk(frame);
        if (offset != r.written) {
            throw new RequestException("FILEDATA at offset " + offset + ", expected " + r.written);
        }
        FileFrames.verify(
                frame,
                FileFrames.chunkFields(r.t.peer(), self, r.t.transferId(), offset, bytes),
                "the chunk at offset " + offset);
        if (r.written + bytes.length > r.t.size()) {
            drop(offer, r, replies, "more data than the offered " + r.t.size() + " bytes");
            return;
        }
        r.out.write(ByteBuffer.wrap(bytes));
        r.written += bytes.length;
        if (++r.chunks % FileChunks.ACK_EVERY == 0) {
            r.persist();
            replies.send(answer(offer, r.t.transferId(), TransferState.RECEIVING, r.durable));
        }
    }

    private void complete(Message offer, Receiving r, Message frame, ReplySink replies)
            throws RequestException, IOException {
        sameTransfer(frame, r.t);
        FileFrames.verify(
                frame, FileFrames.endFields(r.t.peer(), self, r.t.transferId(), r.t.size(), r.t.sha256()), "the end");
        if (r.written != r.t.size()) {
            throw new RequestException("FILEEND after " + r.written + " of " + r.t.size() + " bytes");
        }
        r.persist();
        Path part = spool.partial(r.t.peer(), r.t.transferId());
        String actual = Spool.sha256(part);
        if (!actual.equals(r.t.sha256())) {
            drop(
                    offer,
                    r,
                    replies,
                    "SHA-256 mismatch: the received bytes hash to " + actual + ", the offer said " + r.t.sha256());
            return;
        }
        Path saved = spool.saveDownload(part, r.t.name());
        transfers.finish(r.t, TransferState.COMPLETE, r.t.size(), saved, null, clock.instant());
        r.settled = true;
        decisions.signal();
        LOG.info("file {} from {} complete: {} bytes saved as {}", r.t.transferId(), r.t.peer(), r.t.size(), saved);
        replies.send(answer(offer, r.t.transferId(), TransferState.COMPLETE, r.t.size()));
    }

    /** Ends a transfer that broke its offer: nothing of it is kept, and the sender is told not to try again. */
    private void drop(Message offer, Receiving r, ReplySink replies, String reason) throws IOException {
        r.settled = true;
        Spool.deleteQuietly(spool.partial(r.t.peer(), r.t.transferId()));
        transfers.finish(r.t, TransferState.FAILED, 0, null, reason, clock.instant());
        decisions.signal();
        refuse(replies, offer, TransferState.FAILED, "transfer " + r.t.transferId() + " dropped: " + reason);
    }

    private static void sameTransfer(Message frame, Transfer t) throws RequestException {
        String tid = FileArguments.transferId(frame);
        if (!tid.equals(t.transferId())) {
            throw new RequestException(
                    frame.cmd() + " for transfer " + tid + " on the connection of " + t.transferId());
        }
    }

    /** An ERR that tells the sender to give up ({@code state} rejected or failed); logged like every refusal. */
    private void refuse(ReplySink replies, Message offer, TransferState state, String reason) throws IOException {
        LOG.warn("FILEBEGIN from {} refused: {}", offer.id(), reason);
        replies.send(Replies.error(self, offer.portno(), reason)
                .withExtension(Extensions.STATE, JsonNodeFactory.instance.textNode(state.dbValue())));
    }

    /** The receiver's END: {@code state} offered (ask again later), accepted (send from offset), or complete. */
    private Message answer(Message offer, String tid, TransferState state, long offset) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        String wire = state == TransferState.RECEIVING ? "accepted" : state.dbValue();
        return Replies.end(self.hostname(), offer.portno(), tid)
                .withExtension(Extensions.TRANSFER_ID, nodes.textNode(tid))
                .withExtension(Extensions.STATE, nodes.textNode(wire))
                .withExtension(Extensions.OFFSET, nodes.numberNode(offset))
                .withExtension(Extensions.PROTO, nodes.numberNode(Extensions.PROTOCOL_VERSION));
    }

    /** One connection's progress on an accepted transfer. */
    private final class Receiving {
        final Transfer t;
        final FileChannel out;
        long written;
        long durable;
        int chunks;
        boolean settled;

        Receiving(Transfer t, FileChannel out) throws IOException {
            this.t = t;
            this.out = out;
            this.written = out.position(); // the stored offset, unless the partial file holds less
            this.durable = written;
        }

        /** fsync, then record the offset: an acknowledged byte is on disk. */
        void persist() throws IOException {
            out.force(false);
            transfers.update(t, TransferState.RECEIVING, written, clock.instant());
            durable = written;
        }
    }
}
