package org.torchat.daemon.session;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torchat.daemon.DaemonThreads;
import org.torchat.daemon.config.SessionSettings;
import org.torchat.daemon.peer.TokenBucket;
import org.torchat.protocol.Command;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;
import org.torchat.protocol.session.SessionException;

/**
 * The live sessions, at most one per contact: registers new ones (the tie-break decides between two), reads each
 * until it ends, sends heartbeats on idle ones and our presence on all. Which contacts are online is read here.
 */
public final class Sessions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);
    /** Messages stored in one transaction at most: a batch is what arrived while the last one was stored. */
    static final int MAX_BATCH = 64;
    /** ... and characters of text: a batch holds what the socket held, decoded, so it is bounded twice. */
    static final long MAX_BATCH_CHARS = 256 * 1024;

    private final OnionAddress self;
    private final SessionSettings settings;
    private final Clock clock;
    private final SessionReceiver receiver;
    private final SessionEvents events;
    private final Runnable presenceChanged;
    private final Consumer<OnionAddress> opened;
    private final Consumer<OnionAddress> ended;
    private final Map<OnionAddress, SessionLink> live = new HashMap<>();
    private final ScheduledExecutorService heartbeats;
    private volatile Presence own = Presence.ONLINE;

    /**
     * @param events          what the delivery engine hears: sessions opened and closed, acknowledgements
     * @param presenceChanged runs whenever a contact's presence changes (a session opens or ends, or the contact says)
     * @param opened          runs with the peer once a session with it is registered (it is reachable now)
     * @param ended           runs with the peer after its live session ended (the dialler plans the next attempt)
     */
    public Sessions(
            OnionAddress self,
            SessionSettings settings,
            Clock clock,
            SessionReceiver receiver,
            SessionEvents events,
            Runnable presenceChanged,
            Consumer<OnionAddress> opened,
            Consumer<OnionAddress> ended) {
        this.self = self;
        this.settings = settings;
        this.clock = clock;
        this.receiver = receiver;
        this.events = events;
        this.presenceChanged = presenceChanged;
        this.opened = opened;
        this.ended = ended;
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> DaemonThreads.named(r, "heartbeat"));
        long period = Math.max(50, settings.heartbeat().toMillis() / 3);
        heartbeats.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
    }

    public Clock clock() {
        return clock;
    }

    public Optional<SessionLink> link(OnionAddress peer) {
        synchronized (live) {
            return Optional.ofNullable(live.get(peer));
        }
    }

    /** What the contact's daemon last said; offline without a session. */
    public Presence presenceOf(OnionAddress peer) {
        return link(peer).map(SessionLink::presence).orElse(Presence.OFFLINE);
    }

    public int count() {
        synchronized (live) {
            return live.size();
        }
    }

    /**
     * Makes {@code link} the session with its peer, unless the one already there wins the tie-break; then
     * {@code link} is closed and false returned. A replaced session is closed; its reader ends it.
     */
    boolean register(SessionLink link) {
        SessionLink replaced;
        synchronized (live) {
            SessionLink existing = live.get(link.peer());
            if (existing != null && !existing.isClosed() && !SessionTieBreak.replaces(existing, link)) {
                LOG.info("{}: closed, {} stays (tie-break)", link, existing);
                link.close();
                return false;
            }
            replaced = existing;
            live.put(link.peer(), link);
        }
        if (replaced != null) {
            LOG.info("{}: replaced by {}", replaced, link);
            replaced.close();
        }
        LOG.info("{}: open ({})", link, link.initiator().equals(self) ? "we dialled" : "it dialled");
        link.tell(own);
        beatSoon();
        opened.accept(link.peer());
        events.opened(link);
        receiver.opened(link);
        presenceChanged.run();
        return true;
    }

    /** Reads {@code link}, registered, on the calling thread until it ends; then it is forgotten. */
    void serve(SessionLink link) {
        List<Message> batch = new ArrayList<>();
        long batchChars = 0;
        TokenBucket frames = new TokenBucket(settings.frameRate() * 60, settings.frameRate() * 2, nowMillis());
        try {
            while (true) {
                awaitFrameBudget(frames);
                Optional<Message> frame = link.receive(settings.deadAfter());
                if (frame.isEmpty()) {
                    LOG.info("{}: closed by the peer", link);
                    break;
                }
                // Messages that arrived together are stored together, one commit for the lot (group commit); each
                // is acknowledged once stored, and one not yet acknowledged when the session ends is sent again.
                Message m = frame.get();
                if (m.cmd() == Command.RECV) {
                    batch.add(m);
                    batchChars += m.msg().length();
                    if (batch.size() < MAX_BATCH && batchChars < MAX_BATCH_CHARS && link.ready()) {
                        continue;
                    }
                }
                if (!batch.isEmpty()) {
                    receiver.store(link, batch);
                    batch.clear();
                    batchChars = 0;
                }
                if (m.cmd() != Command.RECV) {
                    receiver.handle(link, m);
                }
            }
        } catch (SessionException e) {
            LOG.warn("{}: ended: {}", link, e.getMessage());
        } catch (IOException e) {
            LOG.info("{}: ended: {}", link, link.isClosed() ? "closed here" : e.getMessage());
        } finally {
            end(link);
        }
    }

    /**
     * Fairness between contacts: a contact that sends more than {@code sessionrate} frames a second (after a burst of
     * twice that) is read more slowly. Its frames wait in its connection, then in Tor, not in our memory; each costs a
     * MAC check and a parse, so one contact cannot take more than its share of the CPU.
     */
    private static void awaitFrameBudget(TokenBucket frames) throws InterruptedIOException {
        while (!frames.tryTake(nowMillis())) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("stopping");
            }
        }
    }

    private static long nowMillis() {
        return System.nanoTime() / 1_000_000;
    }

    private void end(SessionLink link) {
        link.close();
        boolean wasLive;
        synchronized (live) {
            wasLive = live.remove(link.peer(), link);
        }
        events.closed(link);
        receiver.closed(link);
        if (wasLive) {
            presenceChanged.run();
            ended.accept(link.peer());
        }
    }

    /** Our user's presence changed: every contact with a session hears it (unless we appear offline). */
    public void ownPresence(Presence presence) {
        if (presence == own) {
            return;
        }
        own = presence;
        for (SessionLink link : links()) {
            link.tell(presence);
        }
        beatSoon();
    }

    /** Tells untold presence now rather than at the next tick. */
    private void beatSoon() {
        try {
            heartbeats.execute(this::beat);
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    public Presence ownPresence() {
        return settings.appearOffline() ? Presence.OFFLINE : own;
    }

    /**
     * On every session: our presence if it is still untold, else a PING if nothing was sent for a heartbeat. A session
     * whose writer is busy is skipped this time (a contact that stops reading must not hold up the others), and
     * closed once its writer has been blocked as long as a silent session may last.
     */
    private void beat() {
        for (SessionLink link : links()) {
            if (link.stuck().compareTo(settings.deadAfter()) >= 0) {
                LOG.info(
                        "{}: ended: the peer has not read for {} ms",
                        link,
                        link.stuck().toMillis());
                link.close();
                continue;
            }
            try {
                Presence untold = settings.appearOffline() ? null : link.untold();
                if (untold != null) {
                    if (link.trySend(SessionFrames.presence(self, untold))) {
                        link.told(untold);
                    }
                } else if (link.idle().compareTo(settings.heartbeat()) >= 0) {
                    link.trySend(SessionFrames.ping(self));
                }
            } catch (IOException e) {
                LOG.info("{}: heartbeat failed: {}", link, e.getMessage());
                link.close();
            }
        }
    }

    private List<SessionLink> links() {
        synchronized (live) {
            return List.copyOf(live.values());
        }
    }

    /** Ends every session (the daemon stops); peers see the streams close. */
    @Override
    public void close() {
        heartbeats.shutdownNow();
        for (SessionLink link : links()) {
            link.close();
        }
    }
}
