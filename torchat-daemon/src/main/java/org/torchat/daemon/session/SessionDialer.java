package org.torchat.daemon.session;

import java.io.IOException;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torchat.daemon.DaemonThreads;
import org.torchat.daemon.config.SessionSettings;
import org.torchat.daemon.delivery.DeliveryException;
import org.torchat.daemon.transfer.PeerConnector;
import org.torchat.protocol.Message;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;
import org.torchat.protocol.session.SessionException;
import org.torchat.protocol.session.SessionHandshake;
import org.torchat.protocol.session.SessionKeys;

/**
 * Opens sessions to contacts: at once when there is something to deliver, and in the background so that presence
 * is known: every contact at start, at {@code connectpace} and at most {@code connectparallel} at a time, and again
 * with a growing pause while a contact stays unreachable. A peer that answers SESSION with anything but a
 * challenge (an older daemon, the original one) gets one-shot frames, and is asked again after an hour.
 */
public final class SessionDialer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionDialer.class);
    /** How long a peer that does not speak sessions is left alone before asking again (it may be upgraded). */
    static final Duration SESSIONLESS_PAUSE = Duration.ofHours(1);
    /** The first and the longest pause before dialling again a contact that could not be reached. */
    static final Duration FIRST_REDIAL = Duration.ofMinutes(1);

    static final Duration LONGEST_REDIAL = Duration.ofMinutes(30);
    private static final int PORT = 80;

    private final Ed25519Identity identity;
    private final PeerConnector connector;
    private final Sessions sessions;
    private final SessionSettings settings;
    private final Duration handshakeTimeout;
    private final Clock clock;
    private final Predicate<OnionAddress> isContact;
    private final ExecutorService readers = Executors.newCachedThreadPool(DaemonThreads.numbered("session"));
    private final ScheduledExecutorService schedule;
    private final Map<OnionAddress, Instant> sessionless = new ConcurrentHashMap<>();
    private final Map<OnionAddress, Duration> redialPause = new ConcurrentHashMap<>();
    private final Map<OnionAddress, Boolean> planned = new ConcurrentHashMap<>();

    public SessionDialer(
            Ed25519Identity identity,
            PeerConnector connector,
            Sessions sessions,
            SessionSettings settings,
            Duration handshakeTimeout,
            Clock clock,
            Predicate<OnionAddress> isContact) {
        this.identity = identity;
        this.connector = connector;
        this.sessions = sessions;
        this.settings = settings;
        this.handshakeTimeout = handshakeTimeout;
        this.clock = clock;
        this.isContact = isContact;
        // Background attempts run on these threads only, so at most connectparallel at a time; an attempt for
        // delivery runs on the delivery worker and never waits behind them.
        this.schedule = Executors.newScheduledThreadPool(settings.connectParallel(), DaemonThreads.numbered("dial"));
    }

    /**
     * The session with {@code peer}, opened now if there is none: empty when the peer does not speak sessions
     * (send it one-shot frames).
     *
     * @throws DeliveryException when the peer cannot be reached or the handshake fails: try again later
     */
    public Optional<SessionLink> open(OnionAddress peer) throws DeliveryException {
        Optional<SessionLink> existing = sessions.link(peer);
        if (existing.isPresent() || !usable(peer)) {
            return existing;
        }
        return dial(peer);
    }

    /** Whether a session with {@code peer} may be tried now. */
    private boolean usable(OnionAddress peer) {
        if (!settings.enabled() || !isContact.test(peer)) {
            return false;
        }
        Instant until = sessionless.get(peer);
        return until == null || !clock.instant().isBefore(until);
    }

    private Optional<SessionLink> dial(OnionAddress peer) throws DeliveryException {
        Socket socket = connector.open(peer, PORT);
        SocketTransport transport;
        try {
            transport = new SocketTransport(socket, handshakeTimeout);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new DeliveryException("connection to " + peer + " failed: " + e.getMessage(), e);
        }
        SessionHandshake.Initiator handshake = new SessionHandshake.Initiator(identity, peer, PORT);
        SessionKeys keys;
        try {
            transport.send(handshake.hello());
            Optional<Message> challenge = transport.next(handshakeTimeout);
            if (challenge.isPresent() && refusedButSpeaksSessions(challenge.get())) {
                transport.close();
                LOG.debug("{} does not take our session yet (we are not its contact): one-shot frames for now", peer);
                return Optional.empty(); // it dials us once we are its contact
            }
            if (challenge.isEmpty() || !isChallenge(challenge.get())) {
                transport.close();
                sessionless.put(peer, clock.instant().plus(SESSIONLESS_PAUSE));
                LOG.info(
                        "{} does not open sessions with us ({}): one-shot frames for the next hour",
                        peer,
                        challenge.map(m -> m.cmd() + " " + m.msg()).orElse("no answer"));
                return Optional.empty();
            }
            transport.send(handshake.proof(challenge.get()));
            Message ready = transport
                    .next(handshakeTimeout)
                    .orElseThrow(() -> new IOException("the peer closed the connection during the handshake"));
            keys = handshake.keys(ready);
        } catch (IOException | SessionException e) {
            transport.close();
            throw new DeliveryException("session handshake with " + peer + " failed: " + e.getMessage(), e);
        }
        SessionLink link = new SessionLink(peer, identity.onionAddress(), keys, clock.instant(), transport);
        redialPause.remove(peer);
        if (!sessions.register(link)) {
            return sessions.link(peer);
        }
        try {
            readers.execute(() -> sessions.serve(link));
        } catch (RejectedExecutionException e) {
            link.close();
            throw new DeliveryException("stopping");
        }
        return Optional.of(link);
    }

    /** An ERR that says protocol 2: the peer opens sessions, only not with us (yet). */
    private static boolean refusedButSpeaksSessions(Message m) {
        return m.cmd() == org.torchat.protocol.Command.ERR
                && m.extension(org.torchat.protocol.Extensions.PROTO)
                        .map(p -> p.asInt() >= 2)
                        .orElse(false);
    }

    private static boolean isChallenge(Message m) {
        return m.cmd() == org.torchat.protocol.Command.SESSION;
    }

    /** Dials every contact in the background, {@code connectpace} apart (not when we appear offline). */
    public void dialAll(List<OnionAddress> contacts) {
        if (!dialsInBackground()) {
            return;
        }
        long pace = settings.connectPace().toMillis();
        for (int i = 0; i < contacts.size(); i++) {
            plan(contacts.get(i), Duration.ofMillis(i * pace));
        }
    }

    /** {@code peer} just became a contact: dial it now, so that presence shows without waiting for a message. */
    public void dialSoon(OnionAddress peer) {
        if (dialsInBackground()) {
            plan(peer, Duration.ZERO);
        }
    }

    /** A session with {@code peer} ended: dial again soon, so presence follows it back online. */
    public void sessionEnded(OnionAddress peer) {
        if (dialsInBackground()) {
            plan(peer, settings.heartbeat());
        }
    }

    /** Sessions are dialled with nothing to deliver only when they are on and we do not appear offline. */
    private boolean dialsInBackground() {
        return settings.enabled() && !settings.appearOffline();
    }

    private void plan(OnionAddress peer, Duration delay) {
        if (planned.putIfAbsent(peer, Boolean.TRUE) != null) {
            return; // one background attempt per peer at a time
        }
        try {
            schedule.schedule(() -> background(peer), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            planned.remove(peer);
        }
    }

    private void background(OnionAddress peer) {
        planned.remove(peer);
        if (sessions.link(peer).isPresent() || !usable(peer)) {
            return;
        }
        try {
            open(peer);
        } catch (DeliveryException e) {
            Duration pause = redialPause.merge(
                    peer,
                    FIRST_REDIAL,
                    (old, first) ->
                            old.multipliedBy(2).compareTo(LONGEST_REDIAL) > 0 ? LONGEST_REDIAL : old.multipliedBy(2));
            LOG.debug("no session with {}: {}; next try in {} s", peer, e.getMessage(), pause.toSeconds());
            plan(peer, pause);
        }
    }

    /** Whether {@code peer} last answered SESSION as a daemon without sessions (protocol 1) does. */
    boolean knownSessionless(OnionAddress peer) {
        Instant until = sessionless.get(peer);
        return until != null && clock.instant().isBefore(until);
    }

    /** {@code peer} opened a session with us, so it speaks sessions now whatever it answered before. */
    void speaksSessions(OnionAddress peer) {
        sessionless.remove(peer);
        redialPause.remove(peer);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // never became a session
        }
    }

    @Override
    public void close() {
        schedule.shutdownNow();
        readers.shutdownNow();
    }
}
