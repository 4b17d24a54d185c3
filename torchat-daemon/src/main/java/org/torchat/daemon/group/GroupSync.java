package org.torchat.daemon.group;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
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
 * Rounds run when a session opens, a GROUP_HAVE arrives, or something new is stored; at most
 * {@link #MAX_PER_ROUND} messages go per round, and rounds that could send more follow a second apart.
 */
public final class GroupSync {
    private static final Logger LOG = LoggerFactory.getLogger(GroupSync.class);
    /** Messages one round sends at most: one request cannot make us stream a whole history at once. */
    static final int MAX_PER_ROUND = 256;
    /** GROUP_HAVEs for one group on one session, and message rounds, at most once per this. */
    static final Duration PACE = Duration.ofSeconds(1);
    /** How long a message of someone else's stays here before we pass it on (the author may have reached them). */
    static final Duration RELAY_DELAY = Duration.ofSeconds(3);

    private final OnionAddress self;
    private final Groups groups;
    private final Clock clock;
    private final AuthorBudgets budgets;
    private final Map<SessionLink, LinkView> views = new ConcurrentHashMap<>();
    private final ExecutorService rounds = Executors.newFixedThreadPool(4, DaemonThreads.numbered("group-sync"));
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(r -> DaemonThreads.named(r, "group-timer"));

    GroupSync(OnionAddress self, Groups groups, Clock clock, AuthorBudgets budgets) {
        this.self = self;
        this.groups = groups;
        this.clock = clock;
        this.budgets = budgets;
    }

    /** One session's views of the groups shared with its peer; the round that runs for it holds its lock. */
    private static final class LinkView {
        final SessionLink link;
        final AtomicBoolean queued = new AtomicBoolean();
        final Map<String, GroupView> groups = new HashMap<>();

        LinkView(SessionLink link) {
            this.link = link;
        }

        synchronized GroupView of(String groupId) {
            return groups.computeIfAbsent(groupId, id -> new GroupView());
        }
    }

    private static final class GroupView {
        /** What the peer holds, per author; null until its first GROUP_HAVE on this session. */
        Map<OnionAddress, Long> known;

        long knownVersion;
        /** What the peer knows we hold, per author. */
        final Map<OnionAddress, Long> told = new HashMap<>();

        boolean haveSent;
        /** Send a full GROUP_HAVE next, even if nothing moved: we refused something the peer sent. */
        boolean haveDirty;

        Instant haveSentAt = Instant.EPOCH;
        Instant messagesSentAt = Instant.EPOCH;
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
        Message roster = GroupFrames.roster(Command.GROUP_ROSTER, self, group.roster(), group.rosterSignature());
        for (LinkView view : views.values()) {
            OnionAddress peer = view.link.peer();
            if (group.members().contains(peer) || dropped.contains(peer)) {
                execute(() -> sendQuietly(view.link, roster));
            }
        }
        stored(group);
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
                // it was removed or left: the roster that says so is all it gets
                link.send(GroupFrames.roster(Command.GROUP_ROSTER, self, group.roster(), group.rosterSignature()));
            }
            return;
        }
        Map<OnionAddress, Long> ours = groups.vector(group.id());
        GroupView g = view.of(group.id());
        synchronized (view) {
            g.knownVersion = have.version();
            boolean stale = g.known != null && clock.instant().isBefore(g.messagesSentAt.plus(RELAY_DELAY));
            if (g.known == null || (!stale && !have.delta())) {
                g.known = new HashMap<>(have.vector()); // a lower value: it refused or lost something; send it again
            } else {
                have.vector().forEach((a, s) -> g.known.merge(a, s, Math::max)); // may predate what we just sent
            }
            have.vector().forEach((a, s) -> {
                if (s > ours.getOrDefault(a, 0L)) {
                    g.haveDirty = true; // it holds what we lack: tell it what we hold, and it sends the rest
                }
            });
        }
        requestRound(view);
    }

    /**
     * A GROUP_MSG from the session's peer (its author's, or passed on). Checks that cost nothing come first:
     * membership, then the author's budget; then the signature (a bad one ends the session: no daemon passes on a
     * message it has not checked); then the store.
     */
    void onMessage(SessionLink link, GroupFrames.SignedMessage signed) throws SessionException {
        GroupMessageFields m = signed.fields();
        LinkView view = views.get(link);
        Optional<Group> held = groups.find(m.groupId());
        if (view == null || held.isEmpty() || held.get().state() != GroupState.MEMBER) {
            return;
        }
        Group group = held.get();
        if (!group.members().contains(link.peer()) || !group.members().contains(m.author())) {
            LOG.debug("group message of {} from {} dropped: not on the roster", m.author(), link.peer());
            return;
        }
        GroupView g = view.of(group.id());
        if (m.seq() <= groups.vector(group.id()).getOrDefault(m.author(), 0L)) {
            noteHeld(view, g, m);
            return; // a repeat: held already, no budget spent on it
        }
        if (!budgets.tryTake(m.author())) {
            refused(view, g, "over its author's budget", m);
            return;
        }
        if (!GroupSignatures.verify(m, signed.signature())) {
            throw new SessionException("group message " + m.messageId() + " is not signed by its author " + m.author()
                    + " (forged or altered)");
        }
        Groups.Outcome outcome = groups.store(m, signed.signature(), clock.instant(), false);
        switch (outcome) {
            case STORED, DUPLICATE -> {
                noteHeld(view, g, m);
                if (outcome == Groups.Outcome.STORED) {
                    stored(group);
                }
            }
            case CONFLICT ->
                LOG.warn(
                        "{} signed two different messages as number {} in a group; the first is kept",
                        m.author(),
                        m.seq());
            default -> refused(view, g, outcome.name().toLowerCase(java.util.Locale.ROOT), m);
        }
    }

    private void noteHeld(LinkView view, GroupView g, GroupMessageFields m) {
        synchronized (view) {
            if (g.known != null) {
                g.known.merge(m.author(), m.seq(), Math::max);
            }
            g.told.merge(m.author(), m.seq(), Math::max);
        }
    }

    /** Not stored: the peer is told, by a full GROUP_HAVE soon, what we hold, and sends it again later. */
    private void refused(LinkView view, GroupView g, String why, GroupMessageFields m) {
        LOG.debug("group message {}/{} of {} not stored: {}", m.author(), m.seq(), view.link.peer(), why);
        synchronized (view) {
            g.haveDirty = true;
        }
        scheduleRound(view, PACE);
    }

    private void requestRound(LinkView view) {
        if (view.queued.compareAndSet(false, true)) {
            execute(() -> {
                view.queued.set(false);
                round(view);
            });
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

    /** One round for one session: see the class comment. Runs on a sync thread; blocks only on this session. */
    private void round(LinkView view) {
        if (!views.containsKey(view.link)) {
            return;
        }
        Duration again = null;
        try {
            synchronized (view) {
                int budget = MAX_PER_ROUND;
                for (Group group : groups.sharedWith(view.link.peer())) {
                    if (group.state() != GroupState.MEMBER || budget <= 0) {
                        continue;
                    }
                    RoundResult r = round(view, group, budget);
                    budget -= r.sent;
                    again = earlier(again, r.again);
                    if (budget <= 0) {
                        again = earlier(again, PACE);
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("{}: group sync stopped: {}", view.link, e.getMessage());
            return;
        } catch (RuntimeException e) {
            LOG.warn("{}: group sync failed", view.link, e);
            again = PACE;
        }
        if (again != null) {
            scheduleRound(view, again);
        }
    }

    private record RoundResult(int sent, Duration again) {}

    private RoundResult round(LinkView view, Group group, int budget) throws IOException {
        GroupView g = view.groups.computeIfAbsent(group.id(), id -> new GroupView());
        Instant now = clock.instant();
        Map<OnionAddress, Long> ours = groups.vector(group.id());
        Duration again = sendHave(view.link, group, g, ours, now);
        if (g.known == null) {
            return new RoundResult(0, again);
        }
        if (g.knownVersion < group.roster().version()) {
            view.link.send(GroupFrames.roster(Command.GROUP_ROSTER, self, group.roster(), group.rosterSignature()));
            g.knownVersion = group.roster().version();
        }
        int sent = 0;
        for (Map.Entry<OnionAddress, Long> e : ours.entrySet()) {
            OnionAddress author = e.getKey();
            long theirs = g.known.getOrDefault(author, 0L);
            if (e.getValue() <= theirs || sent >= budget) {
                continue;
            }
            for (GroupMessage m : groups.after(group.id(), author, theirs, budget - sent)) {
                Instant passOn = m.receivedAt().plus(RELAY_DELAY);
                if (!author.equals(self) && now.isBefore(passOn)) {
                    again = earlier(again, Duration.between(now, passOn));
                    break;
                }
                view.link.send(GroupFrames.message(self, m.fields(), m.signature()));
                g.known.put(author, m.fields().seq());
                g.told.merge(author, m.fields().seq(), Math::max);
                g.messagesSentAt = clock.instant();
                sent++;
            }
        }
        return new RoundResult(sent, again);
    }

    /**
     * Sends a GROUP_HAVE when the peer does not know all we hold (the first on a session, and after a refusal, in
     * full; else only the authors that moved), at most once per {@link #PACE}; otherwise says when to look again.
     */
    private Duration sendHave(SessionLink link, Group group, GroupView g, Map<OnionAddress, Long> ours, Instant now)
            throws IOException {
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
        link.send(GroupFrames.have(self, group.id(), group.roster().version(), full ? ours : moved, !full));
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

    private static void sendQuietly(SessionLink link, Message frame) {
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
