package org.torchat.daemon.session;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;
import org.torchat.protocol.session.FrameAuthenticator;
import org.torchat.protocol.session.SessionException;
import org.torchat.protocol.session.SessionKeys;

/**
 * One authenticated session with a contact: every frame sent gets the session's MAC, every frame read must carry
 * the right one. Writes come from several threads (delivery, acknowledgements, heartbeats) and are serialised here;
 * one thread reads.
 */
public final class SessionLink {
    private final OnionAddress peer;
    private final OnionAddress initiator;
    private final String id;
    private final Instant established;
    private final SessionTransport transport;
    private final FrameAuthenticator authenticator;
    private static final SecureRandom ECHO_TOKENS = new SecureRandom();
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile long lastSentNanos = System.nanoTime();
    private volatile long writingSinceNanos;
    private volatile Presence presence = Presence.OFFLINE;
    private volatile Presence untold;
    private volatile boolean closed;
    private long lastReachableNanos;
    /** Echo requests of ours awaiting their answer, by token. */
    private final Map<String, CompletableFuture<Void>> echoes = new ConcurrentHashMap<>();

    static final int MAX_ECHO_TOKEN = 64;
    /** Echo requests that may await an answer at once on one session: PING requests beyond it are refused. */
    static final int MAX_PENDING_ECHOES = 8;

    SessionLink(
            OnionAddress peer,
            OnionAddress initiator,
            SessionKeys keys,
            Instant established,
            SessionTransport transport) {
        this.peer = peer;
        this.initiator = initiator;
        this.id = keys.sessionId();
        this.established = established;
        this.transport = transport;
        this.authenticator = keys.authenticator();
    }

    public OnionAddress peer() {
        return peer;
    }

    /** The daemon that opened the stream: what the simultaneous-open tie-break compares. */
    public OnionAddress initiator() {
        return initiator;
    }

    /** The same on both ends (a hash of the handshake's transcript). */
    public String id() {
        return id;
    }

    public Instant established() {
        return established;
    }

    /** What the contact last said of its user; offline until it says something (it may appear offline). */
    public Presence presence() {
        return presence;
    }

    void presence(Presence said) {
        this.presence = said;
    }

    /** Our presence, still to be told on this session (null: nothing new); the heartbeat thread sends it. */
    Presence untold() {
        return untold;
    }

    void tell(Presence ours) {
        this.untold = ours;
    }

    void told(Presence ours) {
        if (untold == ours) {
            untold = null;
        }
    }

    public void send(Message frame) throws IOException {
        writeLock.lock();
        try {
            write(frame);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Sends {@code frame} unless another thread is writing: a contact that stops reading blocks that writer, and the
     * thread that serves every session (heartbeats, presence) must not block with it. False when skipped.
     */
    boolean trySend(Message frame) throws IOException {
        if (!writeLock.tryLock()) {
            return false;
        }
        try {
            write(frame);
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    private void write(Message frame) throws IOException {
        if (closed) {
            throw new IOException("the session with " + peer + " is closed");
        }
        writingSinceNanos = System.nanoTime();
        try {
            transport.send(authenticator.seal(frame));
        } finally {
            writingSinceNanos = 0;
        }
        lastSentNanos = System.nanoTime();
    }

    /** How long a write has been blocked (the peer does not read); zero when none is under way. */
    Duration stuck() {
        long since = writingSinceNanos;
        return since == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - since);
    }

    /** How long since this side last sent anything. */
    Duration idle() {
        return Duration.ofNanos(System.nanoTime() - lastSentNanos);
    }

    Optional<Message> receive(Duration deadline) throws IOException, SessionException {
        Optional<Message> frame = transport.next(deadline);
        if (frame.isEmpty()) {
            return frame;
        }
        return Optional.of(authenticator.open(frame.get()));
    }

    /**
     * Asks the contact to echo a fresh token ({@code self}: our address, which the frame names); the future completes
     * when its answer is read.
     *
     * @throws IOException when the session is closed, or {@link #MAX_PENDING_ECHOES} requests already wait
     */
    public CompletableFuture<Void> echo(OnionAddress self) throws IOException {
        if (echoes.size() >= MAX_PENDING_ECHOES) {
            throw new IOException(MAX_PENDING_ECHOES + " pings already wait for " + peer + " to answer");
        }
        String token = Long.toHexString(ECHO_TOKENS.nextLong());
        CompletableFuture<Void> answered = new CompletableFuture<>();
        echoes.put(token, answered);
        answered.whenComplete((v, e) -> echoes.remove(token));
        try {
            send(SessionFrames.echo(self, token));
        } catch (IOException e) {
            answered.cancel(false);
            throw e;
        }
        return answered;
    }

    /** The contact answered echo request {@code token} (an unknown token is ignored). */
    void echoed(String token) {
        CompletableFuture<Void> answered = echoes.get(token);
        if (answered != null) {
            answered.complete(null);
        }
    }

    /**
     * Whether to tell the daemon again that the contact is reachable (a message came): at most once a second per
     * session, since each telling looks for files waiting on it. Called by the session's one reader thread.
     */
    boolean reachableAgain() {
        long now = System.nanoTime();
        if (now - lastReachableNanos < 1_000_000_000L && lastReachableNanos != 0) {
            return false;
        }
        lastReachableNanos = now;
        return true;
    }

    /** Whether the contact's next frame has arrived already (reading it will not wait). */
    boolean ready() {
        return transport.ready();
    }

    public boolean isClosed() {
        return closed;
    }

    public void close() {
        closed = true;
        transport.close();
        echoes.values().forEach(f -> f.completeExceptionally(new IOException("the session with " + peer + " ended")));
    }

    @Override
    public String toString() {
        return "session " + id.substring(0, 8) + " with " + peer;
    }
}
