package org.torchat.daemon.session;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.torchat.daemon.DaemonThreads;
import org.torchat.daemon.config.SessionSettings;
import org.torchat.daemon.delivery.DeliveryService;
import org.torchat.daemon.delivery.RetryPolicy;
import org.torchat.daemon.peer.IncomingMessages;
import org.torchat.daemon.store.Contacts;
import org.torchat.daemon.store.Outbox;
import org.torchat.daemon.store.PeerStanding;
import org.torchat.daemon.transfer.PeerConnector;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;

/**
 * Sessions and presence, put together for the daemon: the live sessions, the dialler, the pipelined sender that the
 * delivery engine uses, the SESSION handler for the peer port, and our own presence (away after {@code awayafter}
 * without activity at a client).
 */
public final class SessionService implements AutoCloseable {
    private final SessionSettings settings;
    private final Clock clock;
    private final Contacts contacts;
    private final Sessions sessions;
    private final SessionDialer dialer;
    private final SessionSender sender;
    private final SessionHandler handler;
    /** Clients hear of presence changes at most once a second: a contact toggling its own must not flood them. */
    private final Coalescer changed;

    private final ScheduledExecutorService signalTimer =
            Executors.newSingleThreadScheduledExecutor(r -> DaemonThreads.named(r, "presence-signal"));
    private final Consumer<OnionAddress> reachable;
    private final OnionAddress self;
    private final Supplier<Set<OnionAddress>> fellowMembers;
    private final Predicate<OnionAddress> isFellowMember;
    private volatile Instant lastActivity;

    /**
     * {@code changed}: runs after any contact's presence changed (wakes clients' long polls), at most once a second,
     * the last change never lost; {@code reachable}: runs
     * when a session opens, so that what waits for that peer goes now; {@code fellowMembers}, {@code isFellowMember}: everyone (or
     * whether one peer is) on the roster of a group we take part in, whose sessions are admitted and dialled like contacts'; {@code strangers}: what a
     * one-to-one message from such a member (not a contact) must pass, as a stranger's would; {@code traffic}: the
     * group frames carried inside sessions.
     */
    public SessionService(
            Ed25519Identity identity,
            SessionSettings settings,
            Duration connectTimeout,
            Clock clock,
            Contacts contacts,
            Outbox outbox,
            IncomingMessages incoming,
            DeliveryService delivery,
            RetryPolicy retry,
            PeerConnector connector,
            Runnable changed,
            Consumer<OnionAddress> reachable,
            Supplier<Set<OnionAddress>> fellowMembers,
            Predicate<OnionAddress> isFellowMember,
            StrangerGate strangers,
            SessionTraffic traffic) {
        this.settings = settings;
        this.clock = clock;
        this.contacts = contacts;
        this.changed = new Coalescer(changed, Duration.ofSeconds(1), signalTimer);
        this.lastActivity = clock.instant();
        this.self = identity.onionAddress();
        this.sender = new SessionSender(outbox, self, retry, clock, delivery::wake);
        this.reachable = reachable;
        this.fellowMembers = fellowMembers;
        this.isFellowMember = isFellowMember;
        this.sessions = new Sessions(
                self,
                settings,
                clock,
                new SessionReceiver(
                        self, incoming, sender, this::presenceChanged, reachable, this::isContact, strangers, traffic),
                sender,
                this::presenceChanged,
                this::sessionOpened,
                this::sessionEnded);
        this.dialer =
                new SessionDialer(identity, connector, sessions, settings, connectTimeout, clock, this::mayHoldSession);
        this.handler = new SessionHandler(identity, settings.enabled(), this::mayHoldSession, sessions, dialer);
        delivery.useSessions(new SessionRoute(dialer, sender));
    }

    /** Dials every contact and fellow group member in the background, paced: presence is known soon after start. */
    public void start() {
        Set<OnionAddress> peers = new LinkedHashSet<>(contacts.contactAddresses());
        peers.addAll(fellowMembers.get());
        peers.remove(self);
        dialer.dialAll(List.copyOf(peers));
    }

    /** A contact, not blocked: one-to-one messages are taken from it. */
    private boolean isContact(OnionAddress peer) {
        PeerStanding standing = contacts.standing(peer);
        return standing.contact() && !standing.blocked();
    }

    /** A contact, or someone on the roster of a group we take part in; never someone we blocked. */
    private boolean mayHoldSession(OnionAddress peer) {
        PeerStanding standing = contacts.standing(peer);
        if (standing.blocked()) {
            return false;
        }
        return standing.contact() || isFellowMember.test(peer);
    }

    /** Whether sessions with {@code peer} may work: on here, and its daemon not known to lack them. */
    public boolean speaksSessions(OnionAddress peer) {
        return settings.enabled() && !dialer.knownSessionless(peer);
    }

    /** The live session with {@code peer}, if there is one. */
    public Optional<SessionLink> link(OnionAddress peer) {
        return sessions.link(peer);
    }

    /** Dials {@code peer} soon in the background unless a session with it is live (a new fellow member). */
    public void dialSoon(OnionAddress peer) {
        if (!peer.equals(self) && sessions.link(peer).isEmpty()) {
            dialer.dialSoon(peer);
        }
    }

    public SessionHandler handler() {
        return handler;
    }

    public Presence presenceOf(OnionAddress peer) {
        return sessions.presenceOf(peer);
    }

    /** The id of the session with {@code peer}, or null. */
    public String sessionId(OnionAddress peer) {
        return sessions.link(peer).map(SessionLink::id).orElse(null);
    }

    /**
     * One echo over the session with {@code peer}: how long its answer took (PING at the control port).
     *
     * @throws IOException when there is no session, it ends meanwhile, or too many pings wait already
     * @throws TimeoutException when no answer came within {@code timeout}
     */
    public Duration roundTrip(OnionAddress peer, Duration timeout)
            throws IOException, TimeoutException, InterruptedException {
        SessionLink link = sessions.link(peer)
                .orElseThrow(() -> new IOException(
                        "no session with " + peer + ": it is offline, or its daemon does not open sessions"));
        long start = System.nanoTime();
        CompletableFuture<Void> answered = link.echo(self);
        try {
            answered.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } finally {
            answered.cancel(false);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Our user did something at a client. */
    public void activity() {
        lastActivity = clock.instant();
        sessions.ownPresence(Presence.ONLINE);
    }

    /** What contacts see of us now. */
    public Presence ownPresence() {
        return sessions.ownPresence();
    }

    /** Turns us away once {@code awayafter} has passed without activity; run every few seconds. */
    public void checkAway() {
        Duration after = settings.awayAfter();
        if (!after.isZero() && clock.instant().isAfter(lastActivity.plus(after))) {
            sessions.ownPresence(Presence.AWAY);
        }
    }

    /**
     * {@code peer}'s row changed (added, accepted, blocked, removed): a new contact is dialled at once; a peer that is
     * no longer a contact, or is blocked, loses its session, so it hears no more of our presence.
     */
    public void contactChanged(OnionAddress peer) {
        if (mayHoldSession(peer)) {
            dialSoon(peer);
        } else {
            sessions.link(peer).ifPresent(SessionLink::close);
        }
    }

    /** "Last seen" is the session's start; what waits for the peer (files too) goes now. */
    private void sessionOpened(OnionAddress peer) {
        contacts.seen(peer, clock.instant());
        reachable.accept(peer);
    }

    /** "Last seen" is the session's end; the dialler plans the next attempt. */
    private void sessionEnded(OnionAddress peer) {
        contacts.seen(peer, clock.instant());
        dialer.sessionEnded(peer);
    }

    private void presenceChanged() {
        changed.request();
    }

    @Override
    public void close() {
        signalTimer.shutdownNow();
        dialer.close();
        sessions.close();
        sender.close();
    }
}
