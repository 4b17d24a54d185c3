package org.torchat.daemon.tor;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torchat.daemon.DaemonThreads;
import org.torchat.daemon.config.OnionDefences;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;

/**
 * What {@link ManagedTor} and {@link ExternalTor} share: the status, publishing our service, and a supervisor
 * thread that notices when tor (or the connection to it) goes away, connects again with growing pauses, and adds
 * our service again. Subclasses only say how to get one authenticated connection ({@link #connect}).
 */
abstract class SupervisedTor implements Tor {
    private static final Logger LOG = LoggerFactory.getLogger(SupervisedTor.class);
    /** A connection that lasted this long was healthy: the next restart comes after the shortest pause again. */
    private static final long STABLE_MILLIS = 60_000;

    /** One tor and our authenticated control connection to it. */
    protected record Connection(
            ControlSession control,
            InetSocketAddress socks,
            CompletableFuture<String> lost,
            Runnable stop,
            long startedNanos) {}

    /** What {@link #publish} was asked for; added again after each restart. */
    private record Service(Ed25519Identity identity, OnionAddress address, int peerPort) {}

    private final String name;
    private final Duration bootstrapTimeout;
    private final Duration initialRestartDelay;
    private final Duration maxRestartDelay;
    private final OnionDefences defences;
    private final List<Consumer<TorStatus>> listeners = new CopyOnWriteArrayList<>();
    /** Guards status, current and generation; waited on for status changes. */
    private final Object lock = new Object();
    /** Serializes publish() with setting up a new connection, so that no service is lost between the two. */
    private final Object setup = new Object();

    private TorStatus status = TorStatus.starting();
    private Connection current;
    private InetSocketAddress lastSocks;
    private Object generation = new Object();
    private volatile Service service;
    private volatile String lastDescriptorFailure;
    private volatile boolean closed;
    private Thread supervisor;

    protected SupervisedTor(
            String name,
            Duration bootstrapTimeout,
            Duration initialRestartDelay,
            Duration maxRestartDelay,
            OnionDefences defences) {
        this.name = name;
        this.defences = Objects.requireNonNull(defences, "defences");
        this.bootstrapTimeout = bootstrapTimeout;
        this.initialRestartDelay = initialRestartDelay;
        this.maxRestartDelay = maxRestartDelay;
    }

    /**
     * Starts (or reaches) tor once and returns an authenticated connection. Events of the connection go to
     * {@code events}. On failure everything started here is stopped again.
     */
    protected abstract Connection connect(ControlSession.Events events) throws TorException;

    /** Where to look for details, for messages: {@code " (tor's log: /x/tor.log)"} or empty. */
    protected String logHint() {
        return "";
    }

    /** The first connection: fails with the reason, no retries. Then the supervisor takes over. */
    protected final void startSupervised() throws TorException {
        connectAndSetUp();
        supervisor = DaemonThreads.named(this::supervise, "tor-supervisor");
        supervisor.start();
    }

    @Override
    public InetSocketAddress socksAddress() {
        synchronized (lock) {
            return lastSocks; // while tor restarts: the old one (connections fail and are retried), usually kept
        }
    }

    @Override
    public TorStatus status() {
        synchronized (lock) {
            return status;
        }
    }

    @Override
    public void addStatusListener(Consumer<TorStatus> listener) {
        listeners.add(listener);
    }

    @Override
    public OnionAddress publish(Ed25519Identity identity, int peerPort) throws TorException {
        OnionAddress address = identity.onionAddress();
        synchronized (setup) {
            Service existing = service;
            if (existing != null) {
                if (existing.address().equals(address) && existing.peerPort() == peerPort) {
                    return address;
                }
                throw new IllegalStateException("this tor already publishes " + existing.address());
            }
            Service wanted = new Service(identity, address, peerPort);
            Connection c;
            synchronized (lock) {
                c = current;
            }
            if (c != null) {
                addOnion(c, wanted); // throws: then nothing is remembered
            }
            service = wanted;
        }
        return address;
    }

    @Override
    public TorStatus awaitBootstrapped(Duration timeout) throws TorException, InterruptedException {
        TorStatus s = await(TorStatus::bootstrapped, timeout);
        if (s == null) {
            throw new TorException(stuckMessage(timeout));
        }
        return s;
    }

    @Override
    public TorStatus awaitPublished(Duration timeout) throws TorException, InterruptedException {
        Service wanted = service;
        if (wanted == null) {
            throw new IllegalStateException("publish() first");
        }
        TorStatus s = await(TorStatus::published, timeout);
        if (s == null) {
            TorStatus now = status();
            if (!now.bootstrapped()) {
                throw new TorException("our onion service " + wanted.address() + " is not published after "
                        + timeout.toSeconds() + " s because " + stuckMessage(timeout));
            }
            String failure = lastDescriptorFailure;
            throw new TorException("tor did not upload the descriptor of our onion service " + wanted.address()
                    + " within " + timeout.toSeconds() + " s"
                    + (failure == null ? "" : " (last failure: " + failure + ")")
                    + logHint());
        }
        return s;
    }

    /**
     * Waits until {@code condition} holds for the status (returns it), or the timeout passes ({@code null}).
     *
     * @throws TorException when this tor is closed meanwhile
     */
    private TorStatus await(Predicate<TorStatus> condition, Duration timeout)
            throws TorException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!condition.test(status)) {
                if (status.state() == TorStatus.State.CLOSED) {
                    throw new TorException(name + " was stopped");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return status;
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (supervisor != null) {
            supervisor.interrupt();
        }
        Connection c;
        synchronized (lock) {
            c = current;
            current = null;
            generation = new Object();
        }
        if (c != null) {
            c.control().close();
            c.stop().run();
        }
        update(s -> s.with(TorStatus.State.CLOSED));
        LOG.info("{} stopped", name);
    }

    /** Connects, reads the bootstrap state, and adds our service if there is one. */
    private void connectAndSetUp() throws TorException {
        Object gen = new Object();
        synchronized (lock) {
            generation = gen;
            status = new TorStatus(TorStatus.State.STARTING, BootstrapPhase.NONE, null, 0, status.problem(), null);
        }
        notifyListeners(status());
        Connection c = connect(eventsFor(gen));
        try {
            synchronized (setup) {
                BootstrapPhase phase = c.control().bootstrapPhase();
                synchronized (lock) {
                    if (closed) {
                        throw new TorException(name + " was stopped");
                    }
                    current = c;
                    lastSocks = c.socks();
                }
                bootstrap(gen, phase);
                Service wanted = service;
                if (wanted != null) {
                    addOnion(c, wanted);
                }
            }
        } catch (TorException | RuntimeException e) {
            synchronized (lock) {
                if (current == c) {
                    current = null;
                }
            }
            c.control().close();
            c.stop().run();
            throw e;
        }
        LOG.info(
                "{}: SOCKS port {}:{}, control port {}, bootstrap {}",
                name,
                c.socks().getHostString(),
                c.socks().getPort(),
                c.control().endpoint(),
                status().bootstrap());
    }

    private void addOnion(Connection c, Service wanted) throws TorException {
        String serviceId = wanted.address().serviceId();
        update(s -> s.withOnion(serviceId));
        LOG.info(
                "publishing onion service {} ({})",
                wanted.address(),
                AddOnion.redacted(
                        ONION_PORT, wanted.peerPort(), defences, defences.pow() != OnionDefences.PowDefense.OFF));
        long start = System.nanoTime();
        AppliedDefences applied;
        try {
            applied = c.control().addOnion(wanted.identity(), ONION_PORT, wanted.peerPort(), defences);
        } catch (TorException e) {
            update(s -> s.withOnion(null).withProblem(e.getMessage()));
            throw e;
        }
        update(s -> s.withDefences(applied));
        LOG.debug("tor accepted ADD_ONION for {} in {} ms", wanted.address(), (System.nanoTime() - start) / 1_000_000);
        LOG.info(
                "tor {} protects onion service {}: {}", c.control().torVersion(), wanted.address(), applied.describe());
    }

    private ControlSession.Events eventsFor(Object gen) {
        return new ControlSession.Events() {
            @Override
            public void bootstrap(BootstrapPhase phase) {
                SupervisedTor.this.bootstrap(gen, phase);
            }

            @Override
            public void descriptor(HsDescEvent event) {
                SupervisedTor.this.descriptor(gen, event);
            }
        };
    }

    private void bootstrap(Object gen, BootstrapPhase phase) {
        TorStatus before;
        TorStatus after;
        synchronized (lock) {
            if (gen != generation) {
                return;
            }
            before = status;
            BootstrapPhase now = before.bootstrap();
            if (phase.progress() < now.progress()) {
                if (phase.warning() == null) {
                    return; // an older report than one we already have
                }
                phase = new BootstrapPhase(now.progress(), now.tag(), now.summary(), phase.warning());
            }
            after = before.withBootstrap(phase);
            if (after.bootstrapped() && !before.bootstrapped()) {
                after = after.withProblem(null);
            }
            status = after;
            lock.notifyAll();
        }
        if (!phase.equals(before.bootstrap())) {
            if (phase.warning() != null) {
                LOG.warn("tor bootstrap {}", phase);
            } else {
                LOG.info("tor bootstrap {}", phase);
            }
            notifyListeners(after);
        }
    }

    private void descriptor(Object gen, HsDescEvent event) {
        Service wanted = service;
        if (wanted == null || !event.serviceId().equals(wanted.address().serviceId())) {
            return; // REQUESTED/RECEIVED when we fetch peers' descriptors, or other services of an external tor
        }
        if (event.failed()) {
            lastDescriptorFailure = event.reason() + " at " + event.hsDir();
            LOG.debug("descriptor upload of {} to {} failed: {}", wanted.address(), event.hsDir(), event.reason());
            return;
        }
        if (!event.uploaded()) {
            return;
        }
        TorStatus after;
        synchronized (lock) {
            if (gen != generation || !wanted.address().serviceId().equals(status.onion())) {
                return;
            }
            after = status.withUpload();
            if (after.uploads() == 1) {
                after = after.withProblem(null);
            }
            status = after;
            lock.notifyAll();
        }
        if (after.uploads() == 1) {
            LOG.info("onion service {} published (descriptor uploaded to HSDir {})", wanted.address(), event.hsDir());
        } else {
            LOG.debug(
                    "descriptor of {} uploaded to HSDir {} ({} so far)",
                    wanted.address(),
                    event.hsDir(),
                    after.uploads());
        }
        notifyListeners(after);
    }

    private void update(UnaryOperator<TorStatus> change) {
        TorStatus after;
        synchronized (lock) {
            after = change.apply(status);
            status = after;
            lock.notifyAll();
        }
        notifyListeners(after);
    }

    private void notifyListeners(TorStatus s) {
        for (Consumer<TorStatus> listener : listeners) {
            try {
                listener.accept(s);
            } catch (RuntimeException e) {
                LOG.warn("tor status listener failed: {}", e.toString());
            }
        }
    }

    private String stuckMessage(Duration waited) {
        TorStatus s = status();
        if (s.state() == TorStatus.State.RESTARTING || s.state() == TorStatus.State.STARTING) {
            return name + " is not running after " + waited.toSeconds() + " s"
                    + (s.problem() == null ? "" : ": " + s.problem());
        }
        BootstrapPhase b = s.bootstrap();
        return "tor has not finished bootstrapping after " + waited.toSeconds() + " s: stuck at " + b.progress() + "% ("
                + b.tag() + ": " + b.summary() + ")" + (b.warning() == null ? "" : ", tor warns: " + b.warning())
                + "; check this machine's network connection and clock" + logHint();
    }

    /** Runs until closed: waits for the connection to go away, then connects again after a pause. */
    private void supervise() {
        long delayMillis = initialRestartDelay.toMillis();
        while (!closed) {
            Connection c;
            synchronized (lock) {
                c = current;
            }
            if (c == null) {
                return;
            }
            String reason = awaitLoss(c);
            if (reason == null || closed) {
                return;
            }
            c.control().close();
            c.stop().run();
            synchronized (lock) {
                if (current == c) {
                    current = null;
                }
                generation = new Object();
            }
            if ((System.nanoTime() - c.startedNanos()) / 1_000_000 >= STABLE_MILLIS) {
                delayMillis = initialRestartDelay.toMillis();
            }
            String problem = name + " stopped: " + reason;
            while (!closed) {
                LOG.warn("{}; starting again in {} s", problem, Math.max(1, delayMillis / 1000));
                String p = problem;
                update(s -> new TorStatus(TorStatus.State.RESTARTING, BootstrapPhase.NONE, null, 0, p, null));
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    return;
                }
                delayMillis = Math.min(delayMillis * 2, maxRestartDelay.toMillis());
                if (closed) {
                    return;
                }
                try {
                    connectAndSetUp();
                    break;
                } catch (TorException e) {
                    problem = e.getMessage();
                }
            }
        }
    }

    /** The reason the connection went away, or {@code null} when interrupted (closed). Reports a stuck bootstrap. */
    private String awaitLoss(Connection c) {
        boolean stuckReported = false;
        while (true) {
            try {
                if (stuckReported || status().bootstrapped()) {
                    return c.lost().get();
                }
                long left = c.startedNanos() + bootstrapTimeout.toNanos() - System.nanoTime();
                return c.lost().get(Math.max(1, left), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                if (!status().bootstrapped()) {
                    String message = stuckMessage(bootstrapTimeout);
                    LOG.error(message);
                    update(s -> s.withProblem(message));
                }
                stuckReported = true;
            } catch (InterruptedException e) {
                return null;
            } catch (ExecutionException e) {
                return String.valueOf(e.getCause());
            }
        }
    }
}
