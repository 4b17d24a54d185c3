package org.torchat.tui.ui;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.torchat.protocol.Extensions;
import org.torchat.tui.DaemonRefusedException;
import org.torchat.tui.DaemonUnreachableException;
import org.torchat.tui.TorchatException;
import org.torchat.tui.daemon.ContactEntry;
import org.torchat.tui.daemon.DaemonApi;
import org.torchat.tui.daemon.GroupPost;
import org.torchat.tui.daemon.IncomingMessage;

/**
 * Fetches new messages with the daemon's long poll, never by busy polling: GET_PEERS with {@code wait}
 * ({@link #DEFAULT_WAIT}) returns as soon as a message is unread (or when the wait ends), then UPDATE for each
 * listed peer until END, and again. An idle client makes one request per wait; a new message is on screen within
 * milliseconds. Every {@link #STATUS_INTERVAL} or so it also asks STATUS (Tor's state). When the daemon cannot be
 * reached it retries every {@link #RETRY}. Runs on its own thread and touches no UI state: results go to the sink
 * (the UI thread's {@link EventQueue}). Only changes are reported: new messages, the daemon going away or coming
 * back, a new STATUS line, new strangers' requests. Requests (REQUESTS) are not listed by GET_PEERS: they are read
 * when the daemon's {@code requests} token changed (or, from a daemon without it, when a long poll ends early with
 * nothing listed) and with STATUS. A change of the daemon's {@code delivery} token is reported as such: the long poll
 * sends both tokens back, so the daemon answers as soon as either changes.
 */
public final class DaemonPoller implements AutoCloseable {
    /** Below the daemon's one-minute maximum, and short enough that a dead connection is noticed soon. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(25);

    static final Duration RETRY = Duration.ofSeconds(3);
    static final Duration STATUS_INTERVAL = Duration.ofSeconds(20);
    /**
     * A round that found nothing lasts at least this long: against a daemon that ignores {@code wait} (answers at
     * once) the client then polls as the seed's did instead of spinning.
     */
    static final Duration MIN_ROUND = Duration.ofMillis(500);
    /** Per peer and round, so that a flood from one peer cannot starve the screen. */
    static final int MAX_PER_PEER_PER_ROUND = 200;

    private final DaemonApi daemon;
    private final Consumer<UiEvent> sink;
    private final Duration wait;
    private final Duration retry;
    private final Duration statusInterval;
    private final Duration minRound;
    private Thread thread;
    private volatile boolean closed;

    // Confined to the polling thread.
    private boolean reachable = true;
    private String lastProblem;
    private String lastStatus;
    private long nextStatusAt = System.nanoTime();
    private boolean lastRoundEmpty;
    private List<ContactEntry> lastRequests = List.of();
    /** The daemon's token of the request list when it was last read (null: not known). */
    private String requestsRead;
    /** An older daemon without REQUESTS: not asked again. */
    private boolean noRequests;
    /** The daemon's presence token last seen (null: none yet). */
    private String presenceSeen;
    /** The daemon's delivery token last reported (null: none yet). */
    private String deliverySeen;
    /** The daemon's groups token last reported (null: none yet). */
    private String groupsSeen;
    /** A daemon from before groups: GROUP_READ is not asked again. */
    private boolean noGroups;

    public DaemonPoller(DaemonApi daemon, Consumer<UiEvent> sink, Duration wait) {
        this(daemon, sink, wait, RETRY, STATUS_INTERVAL, MIN_ROUND);
    }

    DaemonPoller(
            DaemonApi daemon,
            Consumer<UiEvent> sink,
            Duration wait,
            Duration retry,
            Duration statusInterval,
            Duration minRound) {
        this.daemon = daemon;
        this.sink = sink;
        this.wait = Duration.ofMillis(Math.max(0, Math.min(wait.toMillis(), Extensions.MAX_WAIT_MILLIS)));
        this.retry = retry;
        this.statusInterval = statusInterval;
        this.minRound = minRound;
    }

    public synchronized void start() {
        if (thread != null || closed) {
            return;
        }
        thread = new DaemonThreads("torchat-poller").newThread(this::loop);
        thread.start();
    }

    private void loop() {
        while (!closed) {
            long start = System.nanoTime();
            boolean ok = pollOnce();
            if (closed) {
                return;
            }
            if (ok) {
                refreshStatusIfDue();
            }
            long pause = ok ? (lastRoundEmpty ? minRound.toNanos() - (System.nanoTime() - start) : 0) : retry.toNanos();
            if (pause > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(pause);
                } catch (InterruptedException e) {
                    return; // closed
                }
            }
        }
    }

    /** Asks STATUS when it is due; reports the line when it changed. */
    void refreshStatusIfDue() {
        if (System.nanoTime() - nextStatusAt < 0) {
            return;
        }
        nextStatusAt = System.nanoTime() + statusInterval.toNanos();
        try {
            String line = daemon.status();
            if (!line.equals(lastStatus)) {
                lastStatus = line;
                sink.accept(new UiEvent.TorStatus(line));
            }
        } catch (TorchatException | RuntimeException e) {
            // the next long poll reports an unreachable daemon; an old daemon without STATUS has no line to show
        }
        refreshRequestsIfChanged(true);
    }

    /**
     * Reads REQUESTS when the daemon's last GET_PEERS said the list changed, so that strangers arriving or a flood
     * kept at the caps cost no REQUESTS at all; a daemon that says nothing is asked when {@code maybe}.
     */
    void refreshRequestsIfChanged(boolean maybe) {
        Optional<String> version = daemon.changeToken(Extensions.REQUESTS_VERSION);
        if (version.isPresent() ? version.get().equals(requestsRead) : !maybe) {
            return;
        }
        if (refreshRequests()) {
            requestsRead = version.orElse(null);
        }
    }

    /**
     * Tells the UI when the daemon's delivery token moved: a message of ours or a transfer changed. The UI then reads
     * only the marks it shows that can still change; nothing is read here.
     */
    private void reportDeliveryChange() {
        Optional<String> token = daemon.changeToken(Extensions.DELIVERY_VERSION);
        if (token.isPresent() && !token.get().equals(deliverySeen)) {
            deliverySeen = token.get();
            sink.accept(new UiEvent.DeliveryChanged());
        }
        Optional<String> groups = daemon.changeToken(Extensions.GROUPS_VERSION);
        if (groups.isPresent() && !groups.get().equals(groupsSeen)) {
            groupsSeen = groups.get();
            sink.accept(new UiEvent.GroupsChanged()); // also at start: the first read of the groups
        }
        Optional<String> presence = daemon.changeToken(Extensions.PRESENCE_VERSION);
        if (presence.isPresent() && !presence.get().equals(presenceSeen)) {
            boolean first = presenceSeen == null;
            presenceSeen = presence.get();
            if (!first) {
                sink.accept(new UiEvent.PresenceChanged()); // the contacts are read at start anyway
            }
        }
    }

    /** Asks REQUESTS; reports the list when it changed. False when the daemon could not answer. */
    boolean refreshRequests() {
        if (noRequests) {
            return true;
        }
        try {
            List<ContactEntry> requests = daemon.firstRequests();
            if (!requests.equals(lastRequests)) {
                lastRequests = requests;
                sink.accept(new UiEvent.RequestsLoaded(requests));
            }
            return true;
        } catch (DaemonRefusedException e) {
            noRequests = true;
            return true;
        } catch (TorchatException | RuntimeException e) {
            return false; // the next long poll reports an unreachable daemon
        }
    }

    /**
     * One round: the long poll, then every unread message of the listed peers. Public so that tests can run rounds
     * on their own thread, one at a time. Returns false when the daemon failed.
     */
    public boolean pollOnce() {
        List<IncomingMessage> arrived = new ArrayList<>();
        boolean ok = false;
        try {
            long asked = System.nanoTime();
            List<String> peers = daemon.awaitPeersWithUnread(wait);
            // Woken with nothing listed: maybe a stranger's request arrived (the daemon's token says for sure).
            refreshRequestsIfChanged(peers.isEmpty() && System.nanoTime() - asked < wait.toNanos());
            reportDeliveryChange();
            for (String peer : peers) {
                Optional<IncomingMessage> next;
                int n = 0;
                while (n++ < MAX_PER_PEER_PER_ROUND && (next = daemon.popUnread(peer)).isPresent()) {
                    arrived.add(next.get());
                }
            }
            List<GroupPost> posts = readGroupPosts();
            if (!posts.isEmpty()) {
                sink.accept(new UiEvent.GroupPostsArrived(posts));
            }
            if (!reachable) {
                reachable = true;
                nextStatusAt = System.nanoTime(); // Tor's state may have changed while we could not ask
                sink.accept(new UiEvent.DaemonStatus(null));
            }
            lastProblem = null;
            lastRoundEmpty = arrived.isEmpty() && posts.isEmpty();
            ok = true;
        } catch (DaemonUnreachableException e) {
            if (reachable && !closed) {
                reachable = false;
                sink.accept(new UiEvent.DaemonStatus(e.getMessage()));
            }
        } catch (TorchatException e) {
            if (!closed && !e.getMessage().equals(lastProblem)) { // closing interrupts the request: no news
                lastProblem = e.getMessage();
                sink.accept(new UiEvent.Notice("! fetching messages: " + e.getMessage()));
            }
        } catch (RuntimeException e) {
            sink.accept(new UiEvent.Notice("! fetching messages failed: " + e));
        } finally {
            // Messages already popped are shown even when a later request failed: the daemon forgot them.
            if (!arrived.isEmpty()) {
                sink.accept(new UiEvent.MessagesArrived(arrived));
            }
        }
        return ok;
    }

    /** The unread group messages (GROUP_READ), at most a round's worth; none from a daemon without groups. */
    private List<GroupPost> readGroupPosts() throws TorchatException {
        if (noGroups) {
            return List.of();
        }
        try {
            return daemon.readGroups(MAX_PER_PEER_PER_ROUND);
        } catch (DaemonRefusedException e) {
            noGroups = true;
            return List.of();
        }
    }

    /** Stops the loop; a long poll in flight is abandoned (the thread is a daemon thread). */
    @Override
    public synchronized void close() {
        closed = true;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
