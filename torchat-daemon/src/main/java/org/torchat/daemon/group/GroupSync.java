package org.torchat.daemon.group;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torchat.daemon.DaemonThreads;
import org.torchat.daemon.session.SessionLink;
import org.torchat.daemon.store.Group;
import org.torchat.daemon.store.GroupMessage;
import org.torchat.daemon.store.GroupState;
import org.torchat.daemon.store.Groups;
import org.torchat.daemon.store.HistoryLockedException;
import org.torchat.protocol.Command;
import org.torchat.protocol.Message;
import org.torchat.protocol.group.GroupMessageFields;
import org.torchat.protocol.group.GroupSignatures;
import org.torchat.protocol.onion.OnionAddress;
import org.torchat.protocol.session.SessionException;

/**
 * Group messages and rosters between members, without a server (docs/GROUPS.md, "Delivery without a server").
 *
 * <p>Per session and shared group we keep two views: what the peer holds ({@code known}: its GROUP_HAVE, what we
 * sent it, what it sent us) and what it knows we hold ({@code told}). A <em>round</em> for a session sends a
 * GROUP_HAVE when we hold something the peer does not know of (at most one a second per group), the roster when the
 * peer's is older, and the messages the peer lacks: our own at once, others' only once they have been here for
 * {@link #RELAY_DELAY}, so that a member the author reached itself has told us so first and gets no second copy.
 * Rounds run when a session opens, a GROUP_HAVE arrives, or something new is stored; a round sends at most a window
 * of messages ({@link #MAX_PER_ROUND}, less for a peer that refuses), and rounds that could send more follow a second
 * apart. A full GROUP_HAVE replaces what we think the peer holds: what it refused goes again.
 */
public final class GroupSync {
    private static final Logger LOG = LoggerFactory.getLogger(GroupSync.class);
    /** Messages one round sends at most: one request cannot make us stream a whole history at once. */
    static final int MAX_PER_ROUND = 256;
    /** The smallest round for a peer that keeps refusing what we send. */
    static final int MIN_WINDOW = 4;
    /** GROUP_HAVEs for one group on one session, and message rounds, at most once per this. */
    static final Duration PACE = Duration.ofSeconds(1);
    /** How long a message of someone else's stays here before we pass it on (the author may have reached them). */
    static final Duration RELAY_DELAY = Duration.ofSeconds(3);
    /** How long to wait before trying again while sealed history is locked (texts cannot be read to pass on). */
    static final Duration LOCKED_PAUSE = Duration.ofSeconds(30);

    private final OnionAddress self;
    private final Groups groups;
    private final Clock clock;
    private final AuthorBudgets budgets;
    private final Map<SessionLink, LinkView> views = new ConcurrentHashMap<>();
    /** One drain at a time per session, each on its own thread: a peer that reads slowly holds up only itself. */
    private final ExecutorService rounds = Executors.newCachedThreadPool(DaemonThreads.numbered("group-sync"));

    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(r -> DaemonThreads.named(r, "group-timer"));

    GroupSync(OnionAddress self, Groups groups, Clock clock, AuthorBudgets budgets) {
        this.self = self;
        this.groups = groups;
        this.clock = clock;
        this.budgets = budgets;
    }

    /**
     * One session's views of the groups shared with its peer. Its lock guards the views and is never held while
     * writing to the session; {@code pending} and {@code running} make rounds run one at a time, none lost.
     */
    private static final class LinkView {
        final SessionLink link;
        final AtomicBoolean pending = new AtomicBoolean();
        final AtomicBoolean running = new AtomicBoolean();
        final Map<String, GroupView> groups = new HashMap<>();

        LinkView(SessionLink link) {
            this.link = link;
        }

        /** Callers hold this view's lock. */
        GroupView of(String groupId) {
            return groups.computeIfAbsent(groupId, id -> new GroupView());
        }
    }

    private static final class GroupView {
        /** What the peer holds, per author on the roster; null until its first GROUP_HAVE on this session. */
        Map<OnionAddress, Long> known;

        long knownVersion;
        /** What the peer knows we hold, per author. */
        final Map<OnionAddress, Long> told = new HashMap<>();

        boolean haveSent;
        /** Send a full GROUP_HAVE next, even if nothing moved: we refused something, or the peer holds more. */
        boolean haveDirty;

        Instant haveSentAt = Instant.EPOCH;
        /**
         * Messages a round may send this peer: a quarter after each full GROUP_HAVE that shows it refused some,
         * twice as many after each delta that confirms progress. A peer that keeps asking again gets less and less.
         */
        int window = MAX_PER_ROUND;
    }

    void opened(SessionLink link) {
        LinkView view = new LinkView(link);
        views.put(link, view);
        requestRound(view);
    }

    void closed(SessionLink link) {
        views.remove(link);
    }

    /** Something new is stored in {@code group} (ours or received): every member with a session may lack it. */
    void stored(Group group) {
        for (LinkView view : views.values()) {
            if (group.members().contains(view.link.peer())) {
                requestRound(view);
            }
        }
    }

    /**
     * We issued a new roster (we created the group): every member and {@code dropped} (removed, left) with a live
     * session gets it now; others get it at their next sync, from whichever member they meet. Members that take a
     * roster do not send it on at once (that would be every member to every member): their syncs carry it.
     */
    void rosterIssued(Group group, List<OnionAddress> dropped) {
        Message roster = rosterFrame(group);
        for (LinkView view : views.values()) {
            OnionAddress peer = view.link.peer();
            if (group.members().contains(peer) || dropped.contains(peer)) {
                execute(() -> sendQuietly(view.link, roster));
            }
        }
        stored(group);
    }

    Message rosterFrame(Group group) {
        return GroupFrames.roster(Command.GROUP_ROSTER, self, group.roster(), group.rosterSignature());
    }

    /** A GROUP_HAVE from the session's peer. */
    void onHave(SessionLink link, GroupFrames.Have have) throws IOException {
        LinkView view = views.get(link);
        Optional<Group> held = groups.find(have.groupId());
        if (view == null || held.isEmpty() || held.get().state() != GroupState.MEMBER) {
            return; // a group we do not take part in (any more): nothing to say
        }
        Group group = held.get();
        if (!group.members().contains(link.peer())) {
            if (have.version() < group.roster().version()) {
                link.send(rosterFrame(group)); // it was removed or left: the roster that says so is all it gets
            }
            return;
        }
        Map<OnionAddress, Long> ours = groups.vector(group.id());
        boolean full = groups.isFull(group);
        Map<OnionAddress, Long> said = new HashMap<>(have.vector());
        said.keySet().retainAll(group.members()); // only members' numbers are kept: the map stays bounded
        synchronized (view) {
            GroupView g = view.of(group.id());
            g.knownVersion = have.version();
            if (g.known == null || !have.delta()) {
                boolean refused = g.known != null
                        && said.entrySet().stream().anyMatch(e -> e.getValue() < g.known.getOrDefault(e.getKey(), 0L));
                if (refused) {
                    g.window = Math.max(MIN_WINDOW, g.window / 4);
                }
                g.known = said; // a full vector replaces: what the peer refused or lost goes again
            } else {
                said.forEach((a, seq) -> g.known.merge(a, seq, Math::max));
                g.window = Math.min(MAX_PER_ROUND, g.window * 2);
            }
            for (Map.Entry<OnionAddress, Long> e : said.entrySet()) {
                if (e.getValue() > ours.getOrDefault(e.getKey(), 0L) && !full) {
                    g.haveDirty = true; // it holds what we lack: tell it what we hold, and it sends the rest
                }
            }
        }
        requestRound(view);
    }

    /**
     * A GROUP_MSG from the session's peer (its author's, or passed on). Checks that cost nothing come first:
     * membership, repeats and order, then the author's budget; then the signature (a bad one ends the session: no
     * daemon passes on a message it has not checked); then the store.
     */
    void onMessage(SessionLink link, GroupFrames.SignedMessage signed) throws SessionException {
        GroupMessageFields m = signed.fields();
        LinkView view = views.get(link);
        Optional<Group> found = groups.find(m.groupId());
        if (view == null || found.isEmpty() || found.get().state() != GroupState.MEMBER) {
            return;
        }
        Group group = found.get();
        if (!group.members().contains(link.peer()) || !group.members().contains(m.author())) {
            LOG.debug("group message of {} from {} dropped: not on the roster", m.author(), link.peer());
            return;
        }
        long held = groups.vector(group.id()).getOrDefault(m.author(), 0L);
        if (m.seq() <= held) {
            noteHeld(view, group.id(), m);
            return; // a repeat: held already, no budget spent on it
        }
        if (m.seq() != held + 1) {
            refused(view, group.id(), "out of order", m); // before the budget, which a gap must not use up
            return;
        }
        if (!budgets.tryTake(m.author())) {
            refused(view, group.id(), "over its author's budget", m);
            return;
        }
        if (!GroupSignatures.verify(m, signed.signature())) {
            throw new SessionException("group message " + m.messageId() + " is not signed by its author " + m.author()
                    + " (forged or altered)");
        }
        Groups.Outcome outcome = groups.store(m, signed.signature(), clock.instant(), false);
        switch (outcome) {
            case STORED -> {
                noteHeld(view, group.id(), m);
                stored(group);
            }
            case DUPLICATE -> noteHeld(view, group.id(), m);
            case CONFLICT ->
                LOG.warn("{} signed two messages as its number {} in a group; the first is kept", m.author(), m.seq());
            case OVER_LIMIT ->
                LOG.debug("group {} is full (groupmaxbytes); a message of {} dropped", group.id(), m.author());
            default -> refused(view, group.id(), outcome.name().toLowerCase(Locale.ROOT), m);
        }
    }

    private void noteHeld(LinkView view, String groupId, GroupMessageFields m) {
        synchronized (view) {
            GroupView g = view.of(groupId);
            if (g.known != null) {
                g.known.merge(m.author(), m.seq(), Math::max);
            }
            g.told.merge(m.author(), m.seq(), Math::max);
        }
    }

    /** Not stored: the peer is told, by a full GROUP_HAVE soon, what we hold, and sends the rest again later. */
    private void refused(LinkView view, String groupId, String why, GroupMessageFields m) {
        LOG.debug("group message {}/{} from {} not stored: {}", m.author(), m.seq(), view.link.peer(), why);
        synchronized (view) {
            view.of(groupId).haveDirty = true;
        }
        scheduleRound(view, PACE);
    }

    private void requestRound(LinkView view) {
        view.pending.set(true);
        if (view.running.compareAndSet(false, true)) {
            execute(() -> drain(view));
        }
    }

    /** Runs rounds while one is asked for; a request that comes as the last one ends starts the next drain. */
    private void drain(LinkView view) {
        try {
            while (view.pending.getAndSet(false)) {
                round(view);
            }
        } finally {
            view.running.set(false);
        }
        if (view.pending.get() && view.running.compareAndSet(false, true)) {
            execute(() -> drain(view));
        }
    }

    private void scheduleRound(LinkView view, Duration delay) {
        try {
            timer.schedule(() -> requestRound(view), Math.max(1, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    private void execute(Runnable task) {
        try {
            rounds.execute(task);
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    /** One round for one session: frames are chosen under the view's lock, then sent outside it. */
    private void round(LinkView view) {
        if (!views.containsKey(view.link)) {
            return;
        }
        Duration again = null;
        List<Message> frames = new ArrayList<>();
        try {
            for (Group group : groups.sharedWith(view.link.peer())) {
                if (group.state() == GroupState.MEMBER) {
                    synchronized (view) {
                        again = earlier(again, round(view, group, frames));
                    }
                }
            }
        } catch (HistoryLockedException e) {
            again = LOCKED_PAUSE; // sealed history, locked: texts cannot be read to pass on until a client unlocks
        } catch (RuntimeException e) {
            LOG.warn("{}: group sync failed: {}", view.link, e.toString());
            again = PACE;
        }
        try {
            for (Message frame : frames) {
                view.link.send(frame);
            }
        } catch (IOException e) {
            LOG.debug("{}: group sync stopped: {}", view.link, e.getMessage());
            return;
        }
        if (again != null) {
            scheduleRound(view, again);
        }
    }

    /** What one group adds to a round; when to look again (null: not before something changes). */
    private Duration round(LinkView view, Group group, List<Message> frames) {
        GroupView g = view.of(group.id());
        Instant now = clock.instant();
        Map<OnionAddress, Long> ours = groups.vector(group.id());
        Duration again = have(group, g, ours, now, frames);
        if (g.known == null) {
            return again;
        }
        if (g.knownVersion < group.roster().version()) {
            frames.add(rosterFrame(group));
            g.knownVersion = group.roster().version();
        }
        int budget = g.window;
        for (Map.Entry<OnionAddress, Long> e : ours.entrySet()) {
            OnionAddress author = e.getKey();
            long theirs = g.known.getOrDefault(author, 0L);
            if (e.getValue() <= theirs) {
                continue;
            }
            if (budget <= 0) {
                // the window is used up and the peer refused nothing since: a larger one next round, a second on
                g.window = Math.min(MAX_PER_ROUND, g.window * 2);
                return earlier(again, PACE);
            }
            for (GroupMessage m : groups.after(group.id(), author, theirs, budget)) {
                Instant passOn = m.receivedAt().plus(RELAY_DELAY);
                if (!author.equals(self) && now.isBefore(passOn)) {
                    again = earlier(again, Duration.between(now, passOn));
                    break;
                }
                frames.add(GroupFrames.message(self, m.fields(), m.signature()));
                g.known.put(author, m.fields().seq());
                g.told.merge(author, m.fields().seq(), Math::max);
                budget--;
            }
            if (budget <= 0 && e.getValue() > g.known.getOrDefault(author, 0L)) {
                g.window = Math.min(MAX_PER_ROUND, g.window * 2);
                return earlier(again, PACE);
            }
        }
        return again;
    }

    /**
     * A GROUP_HAVE when the peer does not know all we hold (the first on a session, and after a refusal, in full;
     * else only the authors that moved), at most once per {@link #PACE}; otherwise when to look again.
     */
    private Duration have(Group group, GroupView g, Map<OnionAddress, Long> ours, Instant now, List<Message> frames) {
        boolean full = !g.haveSent || g.haveDirty;
        Map<OnionAddress, Long> moved = new HashMap<>();
        ours.forEach((a, s) -> {
            if (s > g.told.getOrDefault(a, 0L)) {
                moved.put(a, s);
            }
        });
        if (!full && moved.isEmpty()) {
            return null;
        }
        Instant next = g.haveSentAt.plus(PACE);
        if (g.haveSent && now.isBefore(next)) {
            return Duration.between(now, next);
        }
        frames.add(GroupFrames.have(self, group.id(), group.roster().version(), full ? ours : moved, !full));
        g.haveSent = true;
        g.haveDirty = false;
        g.haveSentAt = now;
        g.told.putAll(full ? ours : moved);
        return null;
    }

    private static Duration earlier(Duration a, Duration b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) <= 0 ? a : b;
    }

    /** Sends {@code frame} if the session still stands; one that ended says it again when the next one opens. */
    static void sendQuietly(SessionLink link, Message frame) {
        try {
            link.send(frame);
        } catch (IOException e) {
            // the session ended; it learns at its next sync
        }
    }

    void close() {
        timer.shutdownNow();
        rounds.shutdownNow();
    }
}
