package org.torchat.daemon;

import static org.torchat.daemon.seal.SealState.searchUnlessSealed;
import static org.torchat.daemon.seal.SealState.unlessLocked;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torchat.daemon.backup.BackupHandler;
import org.torchat.daemon.config.HostPort;
import org.torchat.daemon.config.Settings;
import org.torchat.daemon.control.AcceptHandler;
import org.torchat.daemon.control.ActivityHandler;
import org.torchat.daemon.control.AddContactHandler;
import org.torchat.daemon.control.BlockHandler;
import org.torchat.daemon.control.ChangeTokens;
import org.torchat.daemon.control.ContactsHandler;
import org.torchat.daemon.control.ExitHandler;
import org.torchat.daemon.control.ExportHandler;
import org.torchat.daemon.control.GetPeersHandler;
import org.torchat.daemon.control.HistoryHandler;
import org.torchat.daemon.control.HostHandler;
import org.torchat.daemon.control.PeerResolver;
import org.torchat.daemon.control.PingHandler;
import org.torchat.daemon.control.RemoveContactHandler;
import org.torchat.daemon.control.RenameHandler;
import org.torchat.daemon.control.RequestsHandler;
import org.torchat.daemon.control.SearchHandler;
import org.torchat.daemon.control.SendHandler;
import org.torchat.daemon.control.StatusHandler;
import org.torchat.daemon.control.UnblockHandler;
import org.torchat.daemon.control.UpdateHandler;
import org.torchat.daemon.delivery.DeliveryService;
import org.torchat.daemon.delivery.RetryPolicy;
import org.torchat.daemon.delivery.SocksDelivery;
import org.torchat.daemon.group.GroupCreateHandler;
import org.torchat.daemon.group.GroupHistoryHandler;
import org.torchat.daemon.group.GroupInviteHandler;
import org.torchat.daemon.group.GroupInvitesHandler;
import org.torchat.daemon.group.GroupLinks;
import org.torchat.daemon.group.GroupMembersHandler;
import org.torchat.daemon.group.GroupMembership;
import org.torchat.daemon.group.GroupMuteHandler;
import org.torchat.daemon.group.GroupReadHandler;
import org.torchat.daemon.group.GroupRemoveHandler;
import org.torchat.daemon.group.GroupResolver;
import org.torchat.daemon.group.GroupSendHandler;
import org.torchat.daemon.group.GroupStepHandler;
import org.torchat.daemon.group.GroupTraffic;
import org.torchat.daemon.group.GroupsHandler;
import org.torchat.daemon.identity.IdentityStore;
import org.torchat.daemon.logging.WarningDigest;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.ConnectionProcessor;
import org.torchat.daemon.net.ControlAuthenticator;
import org.torchat.daemon.net.Dispatcher;
import org.torchat.daemon.net.Listener;
import org.torchat.daemon.net.StreamingHandler;
import org.torchat.daemon.peer.IncomingMessages;
import org.torchat.daemon.peer.PeerBudgets;
import org.torchat.daemon.peer.ReachabilityNotifier;
import org.torchat.daemon.peer.RecvHandler;
import org.torchat.daemon.peer.SenderGate;
import org.torchat.daemon.seal.LockHandler;
import org.torchat.daemon.seal.SealStartup;
import org.torchat.daemon.seal.UnlockHandler;
import org.torchat.daemon.session.SessionLink;
import org.torchat.daemon.session.SessionService;
import org.torchat.daemon.store.ChangeSignal;
import org.torchat.daemon.store.Contacts;
import org.torchat.daemon.store.ControlCookie;
import org.torchat.daemon.store.DataDirectory;
import org.torchat.daemon.store.Database;
import org.torchat.daemon.store.GroupInvites;
import org.torchat.daemon.store.Groups;
import org.torchat.daemon.store.History;
import org.torchat.daemon.store.HistorySeal;
import org.torchat.daemon.store.Inbox;
import org.torchat.daemon.store.NativeLibraryDirectory;
import org.torchat.daemon.store.Outbox;
import org.torchat.daemon.store.PeerStanding;
import org.torchat.daemon.store.RequestExpiry;
import org.torchat.daemon.store.RequestLimits;
import org.torchat.daemon.store.Search;
import org.torchat.daemon.store.Transfers;
import org.torchat.daemon.store.UnreadLimits;
import org.torchat.daemon.tor.Tor;
import org.torchat.daemon.tor.TorException;
import org.torchat.daemon.tor.TorLauncher;
import org.torchat.daemon.tor.TorStatus;
import org.torchat.daemon.transfer.FileSender;
import org.torchat.daemon.transfer.FileTransfer;
import org.torchat.daemon.transfer.Spool;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;

/**
 * A running daemon: its identity, store and two listeners. The control listener serves clients; the peer
 * listener (what Tor forwards the onion service to) takes only peer frames.
 */
public final class Daemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    /** Peers being delivered to at once; one slow onion connection must not hold up the others. */
    private static final int DELIVERY_PARALLELISM = 16;
    /** The SOCKS isolation tag of file streams (Socks5Handshake): they never share a circuit with messages. */
    static final String FILE_CIRCUITS = "torchat-files";

    static final String HOSTNAME_FILE = "hostname";
    static final String PID_FILE = "torchatd.pid";

    private final DataDirectory dataDir;
    private final Ed25519Identity identity;
    private final OnionAddress address;
    private Tor tor;
    private Database database;
    private DeliveryService deliveryService;
    private FileSender fileSender;
    private SessionService sessionService;
    private GroupTraffic groupTraffic;
    private FileTransfer fileTransfer;
    private final Housekeeping housekeeping = new Housekeeping();
    private final CountDownLatch shutdownRequested = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    /**
     * Wakes UPDATE/GET_PEERS requests waiting for a message or a change of delivery; closed on shutdown so that they
     * end at once.
     */
    private final ChangeSignal changes = new ChangeSignal();

    private volatile boolean ready;
    private Listener control;
    private Listener peer;
    private ControlAuthenticator controlAuthenticator = ControlAuthenticator.OPEN;

    private Daemon(DataDirectory dataDir, Ed25519Identity identity) {
        this.dataDir = dataDir;
        this.identity = identity;
        this.address = identity.onionAddress();
    }

    /** Starts a daemon that owns {@code dataDir} (closed with the daemon, also when the start fails). */
    public static Daemon start(Settings settings, DataDirectory dataDir, Clock clock) throws StartupException {
        Daemon daemon;
        try {
            daemon = new Daemon(dataDir, IdentityStore.loadOrCreate(dataDir));
        } catch (StartupException e) {
            closeQuietly(dataDir);
            throw e;
        }
        try {
            daemon.bindPorts(settings);
            daemon.tor = TorLauncher.start(settings, dataDir.root()).orElse(null);
            daemon.publish();
            daemon.database = openDatabase(settings, dataDir);
            SealStartup.apply(settings, dataDir, daemon.database);
            daemon.controlAuthenticator = controlAuthenticator(settings, dataDir);
            daemon.serve(settings, clock);
            daemon.writeStateFiles();
            daemon.deliveryService.start();
            daemon.sessionService.start();
            daemon.ready = true;
        } catch (StartupException e) {
            daemon.close();
            throw e;
        }
        LOG.info(
                "torchatd {} ready: onion {}, control {}, peers {}, data {}{}",
                Version.text(),
                daemon.address,
                daemon.control.endpoint(),
                daemon.peer.endpoint(),
                dataDir.root(),
                settings.ephemeral() ? " (ephemeral: messages are kept in memory only)" : "");
        return daemon;
    }

    /**
     * The control token: control.cookie is created on every start (so clients on this machine can always find
     * it), and required when the settings say so. Beyond loopback, a WARN says who can now reach the port.
     */
    private static ControlAuthenticator controlAuthenticator(Settings settings, DataDirectory dataDir)
            throws StartupException {
        String token = ControlCookie.loadOrCreate(dataDir);
        if (!settings.controlInterface().isLoopbackAddress()) {
            LOG.warn(
                    "the control port listens on {}, beyond this machine: every client must send the control token "
                            + "from {}; the control protocol is not encrypted, so use it only inside a VPN or SSH tunnel",
                    settings.controlInterface().getHostAddress(),
                    dataDir.resolve(ControlCookie.FILE_NAME));
        } else if (settings.requireControlToken()) {
            LOG.info(
                    "control requests must carry the control token from {} (requiretoken)",
                    dataDir.resolve(ControlCookie.FILE_NAME));
        }
        return settings.requireControlToken() ? ControlAuthenticator.requiring(token) : ControlAuthenticator.OPEN;
    }

    private static Database openDatabase(Settings settings, DataDirectory dataDir) throws StartupException {
        try {
            NativeLibraryDirectory.prepare(dataDir);
        } catch (IOException e) {
            throw new StartupException(
                    "cannot prepare " + dataDir.resolve(NativeLibraryDirectory.NAME) + " for "
                            + "SQLite's native library: " + e.getMessage(),
                    e);
        }
        if (settings.ephemeral()) {
            return Database.inMemory();
        }
        try {
            return Database.open(dataDir.ensurePrivateFileExists(Database.FILE_NAME));
        } catch (IOException e) {
            throw new StartupException(
                    "cannot create the message store in " + dataDir.root() + ": " + e.getMessage(), e);
        }
    }

    /** Binds both ports first: a port in use stops the start before anything is created. */
    private void bindPorts(Settings settings) throws StartupException {
        control = bind("control", settings.controlInterface(), settings.controlPort(), settings);
        peer = bind("peer", InetAddress.getLoopbackAddress(), settings.peerPort(), settings);
    }

    /** Tor forwards the onion service's port 80 to the peer listener; our address must be the one tor publishes. */
    private void publish() throws StartupException {
        if (tor == null) {
            return;
        }
        try {
            tor.publish(identity, peer.port());
        } catch (TorException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }

    private Supplier<HostPort> socksAddress(Settings settings) {
        if (tor == null) {
            return settings::socks;
        }
        return () -> {
            InetSocketAddress socks = tor.socksAddress();
            return new HostPort(socks.getHostString(), socks.getPort());
        };
    }

    private void serve(Settings settings, Clock clock) throws StartupException {
        HistorySeal seal = database.seal();
        Inbox inbox = new Inbox(
                database,
                new UnreadLimits(settings.maxUnreadMessages(), settings.maxUnreadBytes()),
                changes,
                settings.strangers(),
                RequestLimits.of(settings));
        expireRequests(new RequestExpiry(database), settings.requestExpiry(), clock);
        Outbox outbox = new Outbox(database, changes);
        Contacts contacts = new Contacts(database);
        PeerResolver peers = new PeerResolver(contacts);
        SocksDelivery socks = new SocksDelivery(socksAddress(settings), settings.torConnectTimeout());
        RetryPolicy retry =
                new RetryPolicy(settings.retryDelay(), RetryPolicy.DEFAULT.maxDelay(), settings.retryLimit());
        deliveryService = new DeliveryService(
                outbox, socks, identity, retry, clock, DELIVERY_PARALLELISM, settings.logMessageText());
        startFileTransfer(settings, contacts, socks, retry, clock);
        IncomingMessages incoming = new IncomingMessages(
                inbox, clock, settings.logMessageText(), settings.replayWindow(), settings.maxClockSkew());
        SenderGate gate = new SenderGate(
                contacts::standing,
                new PeerBudgets(
                        new PeerBudgets.Limits(
                                settings.recvRate(),
                                settings.recvBurst(),
                                settings.unsignedRate(),
                                settings.unsignedBurst(),
                                settings.strangerRate(),
                                settings.strangerBurst()),
                        PeerBudgets.DEFAULT_MAX_TRACKED,
                        clock::millis),
                settings.strangers());
        Groups groups = new Groups(database, changes, settings.groupMaxBytes());
        groupTraffic = new GroupTraffic(
                identity,
                groups,
                new GroupInvites(database),
                new GroupLinks() {
                    @Override
                    public Optional<SessionLink> link(OnionAddress peer) {
                        return sessionService.link(peer);
                    }

                    @Override
                    public void dialSoon(OnionAddress peer) {
                        sessionService.dialSoon(peer);
                    }

                    @Override
                    public void reconsider(OnionAddress peer) {
                        sessionService.contactChanged(peer);
                    }
                },
                peer -> {
                    PeerStanding standing = contacts.standing(peer);
                    return standing.contact() && !standing.blocked();
                },
                peer -> sessionService.speaksSessions(peer),
                settings.groupMaxMembers(),
                settings.recvRate(),
                settings.recvBurst(),
                clock);
        sessionService = new SessionService(
                identity,
                settings.sessions(),
                settings.torConnectTimeout(),
                clock,
                contacts,
                outbox,
                incoming,
                deliveryService,
                retry,
                socks::open,
                () -> changes.signal(ChangeSignal.PRESENCE),
                this::peerReachable,
                groups::fellowMembers,
                groups::isFellowMember,
                sender -> gate.admit(gate.enter(sender, true), sender),
                groupTraffic);
        housekeeping.every(Duration.ofSeconds(5), "presence", sessionService::checkAway);
        Consumer<OnionAddress> contactChanged = sessionService::contactChanged;
        Map<Command, CommandHandler> clientCommands = new EnumMap<>(Map.ofEntries(
                Map.entry(Command.HOST, new HostHandler(address)),
                Map.entry(Command.GET_PEERS, new GetPeersHandler(inbox, changeTokens(contacts))),
                Map.entry(Command.UPDATE, unlessLocked(seal, new UpdateHandler(inbox, peers, clock.getZone()))),
                Map.entry(Command.SEND, new SendHandler(identity, outbox, deliveryService, peers, contacts, clock)),
                Map.entry(
                        Command.HISTORY,
                        unlessLocked(seal, new HistoryHandler(new History(database), peers, clock.getZone()))),
                Map.entry(Command.STATUS, new StatusHandler(address, this::torStatus, seal::state)),
                Map.entry(Command.EXIT, new ExitHandler(this::requestShutdown)),
                Map.entry(Command.CONTACTS, new ContactsHandler(contacts, sessionService)),
                Map.entry(Command.ACTIVITY, new ActivityHandler(sessionService)),
                Map.entry(Command.PING, new PingHandler(sessionService, peers)),
                Map.entry(Command.ADD_CONTACT, new AddContactHandler(contacts, address, clock, contactChanged)),
                Map.entry(Command.RENAME, new RenameHandler(contacts, peers, contactChanged)),
                Map.entry(Command.REMOVE_CONTACT, new RemoveContactHandler(contacts, peers, contactChanged)),
                Map.entry(Command.BLOCK, new BlockHandler(contacts, peers, address, clock, contactChanged)),
                Map.entry(Command.UNBLOCK, new UnblockHandler(contacts, peers, contactChanged)),
                Map.entry(Command.REQUESTS, unlessLocked(seal, new RequestsHandler(contacts))),
                Map.entry(Command.ACCEPT, new AcceptHandler(contacts, clock, contactChanged)),
                Map.entry(
                        Command.SEARCH,
                        searchUnlessSealed(seal, new SearchHandler(new Search(database), peers, clock.getZone()))),
                Map.entry(Command.UNLOCK, new UnlockHandler(seal, clock)),
                Map.entry(Command.LOCK, new LockHandler(seal))));
        clientCommands.putAll(fileTransfer.clientCommands());
        // issue 17: backup and export
        clientCommands.put(Command.BACKUP, backupHandler(settings));
        clientCommands.put(
                Command.EXPORT, unlessLocked(seal, new ExportHandler(new History(database), peers, clock.getZone())));
        clientCommands.putAll(groupCommands(groups, contacts, peers, clock));
        Dispatcher controlDispatcher =
                new Dispatcher(clientCommands, fileTransfer.clientStreams(), Daemon::refusedOnControlPort);
        Map<Command, StreamingHandler> peerStreams = new EnumMap<>(fileTransfer.peerStreams());
        peerStreams.put(Command.SESSION, sessionService.handler());
        Dispatcher peerDispatcher = new Dispatcher(
                Map.of(
                        Command.RECV,
                        new ReachabilityNotifier(
                                new RecvHandler(address, incoming, gate, settings.requireSignatures()),
                                this::peerReachable)),
                peerStreams,
                Daemon::refusedOnPeerPort);
        control.start(new ConnectionProcessor(
                "control",
                controlDispatcher,
                address,
                settings.maxFramePayload(),
                controlAuthenticator,
                warnings("control", settings.logWarnings())));
        peer.start(new ConnectionProcessor(
                "peer",
                peerDispatcher,
                address,
                settings.maxFramePayload(),
                ControlAuthenticator.OPEN,
                warnings("peer", settings.logWarnings())));
    }

    /** Issue 16: groups (docs/GROUPS.md). Reading a group's messages needs the history key when it is sealed. */
    private Map<Command, CommandHandler> groupCommands(
            Groups groups, Contacts contacts, PeerResolver peers, Clock clock) {
        HistorySeal seal = database.seal();
        GroupResolver resolver = new GroupResolver(groups);
        GroupMembership membership = groupTraffic.membership();
        return Map.ofEntries(
                Map.entry(Command.GROUP_CREATE, new GroupCreateHandler(identity, groups, clock)),
                Map.entry(Command.GROUPS, new GroupsHandler(groups)),
                Map.entry(Command.GROUP_MEMBERS, new GroupMembersHandler(resolver, groups, contacts)),
                Map.entry(Command.GROUP_INVITE, new GroupInviteHandler(resolver, peers, membership)),
                Map.entry(Command.GROUP_INVITES, new GroupInvitesHandler(groups)),
                Map.entry(Command.GROUP_JOIN, new GroupStepHandler(resolver, membership::join)),
                Map.entry(Command.GROUP_DECLINE, new GroupStepHandler(resolver, membership::decline)),
                Map.entry(Command.GROUP_LEAVE, new GroupStepHandler(resolver, membership::leave)),
                Map.entry(Command.GROUP_REMOVE, new GroupRemoveHandler(resolver, peers, membership)),
                Map.entry(Command.GROUP_SEND, new GroupSendHandler(resolver, groupTraffic.writer())),
                Map.entry(
                        Command.GROUP_HISTORY,
                        unlessLocked(seal, new GroupHistoryHandler(resolver, groups, clock.getZone()))),
                Map.entry(Command.GROUP_READ, unlessLocked(seal, new GroupReadHandler(groups, clock.getZone()))),
                Map.entry(Command.GROUP_MUTE, new GroupMuteHandler(resolver, groups, peers)));
    }

    /**
     * The tokens a waiting GET_PEERS reports (docs/PROTOCOL.md): one line each. A counted one changes whenever its
     * topic is signalled, so whatever changes it must also call {@code changes.signal(topic)} after its commit.
     */
    private ChangeTokens changeTokens(Contacts contacts) {
        return new ChangeTokens(changes)
                .computed(Extensions.REQUESTS_VERSION, contacts::requestsVersion)
                .counted(Extensions.DELIVERY_VERSION, ChangeSignal.DELIVERY)
                .counted(Extensions.PRESENCE_VERSION, ChangeSignal.PRESENCE)
                .counted(Extensions.GROUPS_VERSION, ChangeSignal.GROUPS);
    }

    /** A listener's warning digest, its summary written every minute even when the listener falls quiet. */
    private WarningDigest warnings(String listener, int perMinute) {
        WarningDigest digest = ConnectionProcessor.digest(perMinute);
        housekeeping.every(Duration.ofMinutes(1), listener + " warning summary", digest::flush);
        return digest;
    }

    /** Requests nobody answered are dropped, at start and then every ten minutes. */
    private void expireRequests(RequestExpiry requests, Duration expiry, Clock clock) {
        housekeeping.every(Duration.ofMinutes(10), "expiring requests", () -> {
            int expired = requests.expireBefore(clock.instant().minus(expiry));
            if (expired > 0) {
                LOG.info(
                        "{} requests from strangers expired unanswered after {} (requestexpiry)",
                        expired,
                        expiry.toHours() >= 48 ? expiry.toDays() + " days" : expiry.toMinutes() + " min");
            }
        });
    }

    /**
     * Spool and downloads directories, the sender (which first drops uploads a crash interrupted, so it runs before
     * the listeners serve anyone) and the handlers of file transfer.
     */
    private void startFileTransfer(
            Settings settings, Contacts contacts, SocksDelivery socks, RetryPolicy retry, Clock clock)
            throws StartupException {
        Spool spool;
        try {
            spool = Spool.open(dataDir);
        } catch (IOException e) {
            throw new StartupException("cannot create the file spool in " + dataDir.root() + ": " + e.getMessage(), e);
        }
        Transfers transfers = new Transfers(database, changes);
        // Files on circuits of their own: a transfer filling a shared circuit held messages up for seconds.
        fileSender = new FileSender(
                transfers, spool, (peer, port) -> socks.open(peer, port, FILE_CIRCUITS), identity, retry, clock);
        fileTransfer = new FileTransfer(address, settings, transfers, contacts, spool, fileSender, clock);
        fileSender.start();
    }

    private BackupHandler backupHandler(Settings settings) throws StartupException {
        try {
            return new BackupHandler(
                    dataDir,
                    settings.ephemeral() ? Optional.empty() : Optional.of(dataDir.resolve(Database.FILE_NAME)));
        } catch (IOException e) {
            throw new StartupException("cannot clean up backups in " + dataDir.root() + ": " + e.getMessage(), e);
        }
    }

    /** A message from {@code peer} arrived: it is online, so what waits for it goes now. */
    private void peerReachable(OnionAddress peer) {
        deliveryService.peerReachable(peer);
        fileSender.peerReachable(peer);
    }

    private static String refusedOnControlPort(Command command) {
        if (command == Command.RECV || command == Command.FILEBEGIN) {
            return command + " is for peers and is only accepted on the peer port";
        }
        if (command == Command.FILEDATA || command == Command.FILEEND) {
            return command + " only follows FILEUP on the same connection";
        }
        if (command.isReply()) {
            return command + " is a reply, not a request";
        }
        return command + " is not supported by this daemon yet";
    }

    private static String refusedOnPeerPort(Command command) {
        if (command.isReply()) {
            return command + " is a reply, not a request";
        }
        if (command == Command.FILEDATA || command == Command.FILEEND) {
            return command + " only follows FILEBEGIN on the same connection";
        }
        return command + " is a client command and is not accepted on the peer port";
    }

    private static Listener bind(String name, InetAddress address, int port, Settings settings)
            throws StartupException {
        try {
            return Listener.bind(
                    name, address, port, settings.backlog(), settings.maxConnections(), settings.frameDeadline());
        } catch (BindException e) {
            throw new StartupException("cannot listen for " + name + " connections on " + address.getHostAddress() + ":"
                    + port + ": the port is already in use (is another torchatd running?)");
        } catch (IOException e) {
            throw new StartupException("cannot listen for " + name + " connections on " + address.getHostAddress() + ":"
                    + port + ": " + e.getMessage());
        }
    }

    /** The address file mirrors tor's {@code hostname}; the pid file says who holds the data directory. */
    private void writeStateFiles() throws StartupException {
        try {
            dataDir.writeAtomically(HOSTNAME_FILE, address.hostname() + "\n");
            dataDir.writeAtomically(PID_FILE, ProcessHandle.current().pid() + "\n");
        } catch (IOException e) {
            throw new StartupException("cannot write to data directory " + dataDir.root() + ": " + e.getMessage(), e);
        }
    }

    /** Tor as clients see it: STATUS. Empty in the no-Tor mode. */
    public Optional<TorStatus> torStatus() {
        return Optional.ofNullable(tor).map(Tor::status);
    }

    public OnionAddress address() {
        return address;
    }

    /** Control requests (UPDATE/GET_PEERS with {@code wait}) waiting for a message right now; for tests and logs. */
    public int waitingRequests() {
        return changes.waiters();
    }

    public int controlPort() {
        return control.port();
    }

    public int peerPort() {
        return peer.port();
    }

    public DataDirectory dataDirectory() {
        return dataDir;
    }

    /** Asks the daemon to stop; {@link #awaitShutdownRequest()} returns. Safe from any thread, any number of times. */
    public void requestShutdown() {
        shutdownRequested.countDown();
        changes.close(); // waiting UPDATE/GET_PEERS answer now, so the listeners drain quickly
        if (fileTransfer != null) {
            fileTransfer.stopWaiting();
        }
    }

    public void awaitShutdownRequest() throws InterruptedException {
        shutdownRequested.await();
    }

    /** Stops listening, lets requests in flight be answered, and releases the data directory. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        requestShutdown();
        if (groupTraffic != null) {
            groupTraffic.close();
        }
        if (sessionService != null) {
            sessionService.close(); // sessions hold peer-listener threads: end them before the listener waits
        }
        if (control != null) {
            control.close(SHUTDOWN_GRACE);
        }
        if (peer != null) {
            peer.close(SHUTDOWN_GRACE);
        }
        if (deliveryService != null) {
            deliveryService.close();
        }
        if (fileSender != null) {
            fileSender.close();
        }
        housekeeping.close();
        if (database != null) {
            database.close();
        }
        if (tor != null) {
            tor.close();
        }
        try {
            java.nio.file.Files.deleteIfExists(dataDir.resolve(PID_FILE));
        } catch (IOException e) {
            LOG.warn("cannot remove pid file: {}", e.getMessage());
        }
        closeQuietly(dataDir);
        if (ready) {
            LOG.info("torchatd stopped");
        }
    }

    private static void closeQuietly(DataDirectory dataDir) {
        try {
            dataDir.close();
        } catch (IOException e) {
            LOG.warn("cannot release data directory lock: {}", e.getMessage());
        }
    }
}
