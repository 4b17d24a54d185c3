package org.torchat.daemon.transfer;

import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torchat.daemon.delivery.DeliveryException;
import org.torchat.daemon.delivery.RetryPolicy;
import org.torchat.daemon.delivery.RetryScheduler;
import org.torchat.daemon.store.Transfer;
import org.torchat.daemon.store.TransferState;
import org.torchat.daemon.store.Transfers;
import org.torchat.protocol.Command;
import org.torchat.protocol.DeadlineInputStream;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.FileChunks;
import org.torchat.protocol.FrameReader;
import org.torchat.protocol.FrameWriter;
import org.torchat.protocol.Message;
import org.torchat.protocol.MessageCodec;
import org.torchat.protocol.ProtocolException;
import org.torchat.protocol.identity.Ed25519Identity;

/**
 * Sends spooled files to peers in the background (docs/PROTOCOL.md, "File transfer"): one connection per attempt
 * carries the offer, then every chunk from the offset the receiver reports, then FILEEND. Chunks go out without
 * waiting, up to {@link #WINDOW} acknowledgements behind, so a slow circuit's round trips do not limit throughput.
 * A broken connection, or a restart of either daemon, resumes from the receiver's durable offset; an offer the
 * peer's user has not accepted yet is offered again; the transfer fails after {@code retrylimit}.
 */
public final class FileSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FileSender.class);
    /** Acknowledgements (of {@link FileChunks#ACK_EVERY} chunks each) that may be outstanding: 384 KiB in flight. */
    static final int WINDOW = 4;
    /** How long the receiver may take for one answer (it holds an offer up to 20 s waiting for its user). */
    static final Duration ANSWER_WAIT = Duration.ofSeconds(60);
    /** The pause before offering again a file the peer's user has not accepted yet. */
    static final Duration PENDING_PAUSE = Duration.ofSeconds(2);

    private static final int PARALLELISM = 4;

    /**
     * The peer said no for good ({@code finalState} REJECTED or FAILED), or answered something we cannot go on with
     * this time ({@code finalState} null: tried again later).
     */
    private static final class Refused extends Exception {
        final TransferState finalState;

        Refused(String reason, TransferState finalState) {
            super(reason);
            this.finalState = finalState;
        }
    }

    private final Transfers transfers;
    private final Spool spool;
    private final PeerConnector connector;
    private final Ed25519Identity self;
    private final RetryPolicy retry;
    private final Clock clock;
    private final RetryScheduler<String> sends;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    public FileSender(
            Transfers transfers,
            Spool spool,
            PeerConnector connector,
            Ed25519Identity self,
            RetryPolicy retry,
            Clock clock) {
        this.transfers = transfers;
        this.spool = spool;
        this.connector = connector;
        this.self = self;
        this.retry = retry;
        this.clock = clock;
        this.sends = new RetryScheduler<>("file", PARALLELISM, clock, retry.firstDelay(), this::sendIfDue);
    }

    /**
     * Drops uploads a crash interrupted, removes spool files nobody owns, and picks up what was being sent. Call
     * before the listeners serve anyone, so that no upload is under way.
     */
    public void start() {
        for (Transfer t : transfers.interruptedUploads()) {
            LOG.info("transfer {} to {}: its upload was interrupted; discarded", t.transferId(), t.peer());
            transfers.delete(t);
            Spool.deleteQuietly(t.path());
        }
        Set<java.nio.file.Path> live = new HashSet<>();
        for (Transfer t : transfers.recent(Integer.MAX_VALUE)) {
            if (!t.state().isFinal()) {
                live.add(t.path() != null ? t.path() : spool.partial(t.peer(), t.transferId()));
            }
        }
        spool.removeOrphans(live);
        transfers.toSend().forEach(t -> wake(t.transferId()));
    }

    /** Sends outgoing transfer {@code transferId} now if it is due (its upload finished, or its retry time came). */
    public void wake(String transferId) {
        sends.wake(transferId);
    }

    /**
     * {@code peer} just reached us (a message arrived from it), so it is online: files waiting for a retry go now
     * instead of after a backoff that may have grown long while it was away.
     */
    public void peerReachable(org.torchat.protocol.onion.OnionAddress peer) {
        List<String> due = transfers.retryNow(peer, clock.instant());
        if (!due.isEmpty()) {
            LOG.info("{} is reachable again: retrying {} file transfer(s) now", peer, due.size());
            due.forEach(this::wake);
        }
    }

    /** One run for {@code transferId}: one attempt, if it is still to be sent and due. */
    private void sendIfDue(String transferId) {
        transfers.outgoing(transferId).ifPresent(this::attemptIfDue);
    }

    private void attemptIfDue(Transfer t) {
        if (t.state().isFinal() || t.state() == TransferState.UPLOADING) {
            return;
        }
        Instant now = clock.instant();
        if (t.nextAttemptAt() != null && t.nextAttemptAt().isAfter(now)) {
            sends.wakeAt(t.transferId(), t.nextAttemptAt());
            return;
        }
        long before = t.offset();
        try (Socket socket = connector.open(t.peer(), t.portno())) {
            open.add(socket);
            try {
                exchange(t, socket);
            } finally {
                open.remove(socket);
            }
        } catch (DeliveryException e) {
            failed(t, e.getMessage(), false);
        } catch (IOException e) {
            Transfer latest = latest(t);
            failed(latest, "connection to " + t.peer() + " broke: " + e.getMessage(), latest.offset() > before);
        } catch (ProtocolException e) {
            failed(latest(t), "the peer answered something unreadable: " + e.getMessage(), false);
        } catch (Refused e) {
            if (e.finalState == null) {
                failed(latest(t), e.getMessage(), false);
            } else {
                finish(latest(t), e.finalState, e.getMessage());
            }
        }
    }

    /** {@code t} as stored now: acknowledgements may have moved its offset during the attempt. */
    private Transfer latest(Transfer t) {
        return transfers.outgoing(t.transferId()).orElse(t);
    }

    /** One attempt over {@code socket}; returns the transfer as it stands afterwards. */
    private Transfer exchange(Transfer t, Socket socket) throws IOException, ProtocolException, Refused {
        DeadlineInputStream in = new DeadlineInputStream(socket, ANSWER_WAIT);
        FrameReader reader = new FrameReader(in);
        FrameWriter writer = new FrameWriter(socket.getOutputStream());
        writer.write(MessageCodec.encode(FileFrames.offer(self, t)));
        Message answer = answer(reader, in);
        String state = answer.extension(Extensions.STATE).map(n -> n.asText()).orElse("");
        switch (state) {
            case "complete" -> {
                return finish(t, TransferState.DELIVERED, null);
            }
            case "offered" -> {
                Instant now = clock.instant();
                if (retry.gaveUp(t.createdAt(), now)) {
                    return finish(t, TransferState.FAILED, "the peer did not accept the file in time");
                }
                Transfer waiting = transfers.scheduleRetry(
                        t, t.offset(), now.plus(PENDING_PAUSE), "waiting for the peer to accept", false, now);
                sends.wakeAt(t.transferId(), waiting.nextAttemptAt());
                return waiting;
            }
            case "accepted" -> {
                return stream(t, offset(answer, t), reader, in, writer);
            }
            default -> throw new Refused("FILEBEGIN answered with state '" + state + "'", null);
        }
    }

    private Transfer stream(Transfer t, long from, FrameReader reader, DeadlineInputStream in, FrameWriter writer)
            throws IOException, ProtocolException, Refused {
        Transfer current = transfers.update(t, TransferState.SENDING, from, clock.instant());
        LOG.info("transfer {} to {}: sending from offset {} of {}", t.transferId(), t.peer(), from, t.size());
        int acksDue = 0;
        try (FileChannel file = FileChannel.open(t.path(), StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(FileChunks.CHUNK_BYTES);
            long position = from;
            int sent = 0;
            while (position < t.size()) {
                buffer.clear().limit((int) Math.min(FileChunks.CHUNK_BYTES, t.size() - position));
                while (buffer.hasRemaining()) {
                    if (file.read(buffer, position + buffer.position()) < 0) {
                        throw new IOException("spool file " + t.path() + " is shorter than " + t.size() + " bytes");
                    }
                }
                byte[] bytes = new byte[buffer.position()];
                buffer.flip().get(bytes);
                writer.write(MessageCodec.encode(FileFrames.chunk(self, t, position, bytes)));
                position += bytes.length;
                if (++sent % FileChunks.ACK_EVERY == 0) {
                    acksDue++;
                }
                for (; acksDue > WINDOW; acksDue--) {
                    current = acknowledged(current, answer(reader, in));
                }
            }
        }
        writer.write(MessageCodec.encode(FileFrames.end(self, t)));
        for (; acksDue > 0; acksDue--) {
            current = acknowledged(current, answer(reader, in));
        }
        Message last = answer(reader, in);
        if (!"complete"
                .equals(last.extension(Extensions.STATE).map(n -> n.asText()).orElse(""))) {
            throw new Refused("FILEEND answered without state 'complete'", null);
        }
        return finish(current, TransferState.DELIVERED, null);
    }

    private Transfer acknowledged(Transfer t, Message ack) throws Refused {
        return transfers.update(t, TransferState.SENDING, offset(ack, t), clock.instant());
    }

    /** The next END from the receiver; an ERR is a refusal, for good when it says so in {@code state}. */
    private static Message answer(FrameReader reader, DeadlineInputStream in)
            throws IOException, ProtocolException, Refused {
        in.renew();
        Optional<String> frame = reader.read();
        if (frame.isEmpty()) {
            throw new IOException("the peer closed the connection");
        }
        Message m = MessageCodec.decode(frame.get());
        if (m.cmd() == Command.ERR) {
            String state = m.extension(Extensions.STATE).map(n -> n.asText()).orElse("");
            if (state.equals(TransferState.REJECTED.dbValue()) || state.equals(TransferState.FAILED.dbValue())) {
                throw new Refused(
                        "the peer refused the file: " + m.msg(),
                        state.equals(TransferState.REJECTED.dbValue()) ? TransferState.REJECTED : TransferState.FAILED);
            }
            throw new IOException("the peer answered ERR: " + m.msg());
        }
        if (m.cmd() != Command.END) {
            throw new Refused("expected END from the receiver, got " + m.cmd(), null);
        }
        return m;
    }

    private static long offset(Message answer, Transfer t) throws Refused {
        long offset = answer.extension(Extensions.OFFSET)
                .filter(n -> n.canConvertToLong())
                .map(n -> n.longValue())
                .orElse(-1L);
        if (offset < 0 || offset > t.size()) {
            throw new Refused("the receiver's offset " + offset + " is outside the file", null);
        }
        return offset;
    }

    private void failed(Transfer t, String reason, boolean progressed) {
        Instant now = clock.instant();
        if (retry.gaveUp(t.createdAt(), now)) {
            finish(t, TransferState.FAILED, reason);
            return;
        }
        // A connection that broke after moving data is worth retrying soon; repeated failures back off.
        Duration delay = progressed ? retry.firstDelay() : retry.delayAfter(t.attempts() + 1);
        transfers.scheduleRetry(t, t.offset(), now.plus(delay), reason, !progressed, now);
        sends.wakeAt(t.transferId(), now.plus(delay));
        LOG.info(
                "transfer {} to {}: attempt failed ({}); next try in {} ms",
                t.transferId(),
                t.peer(),
                reason,
                delay.toMillis());
    }

    private Transfer finish(Transfer t, TransferState state, String error) {
        Transfer done = transfers.finish(
                t, state, state == TransferState.DELIVERED ? t.size() : t.offset(), t.path(), error, clock.instant());
        Spool.deleteQuietly(t.path());
        if (state == TransferState.DELIVERED) {
            LOG.info("transfer {} to {}: delivered ({} bytes)", t.transferId(), t.peer(), t.size());
        } else {
            LOG.warn("transfer {} to {}: {}: {}", t.transferId(), t.peer(), state.dbValue(), error);
        }
        return done;
    }

    /** Stops sending; unfinished transfers resume after the next start. */
    @Override
    public void close() {
        sends.stop();
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing only to unblock the worker: an interrupt does not reach a socket read
            }
        }
        sends.close();
    }
}
