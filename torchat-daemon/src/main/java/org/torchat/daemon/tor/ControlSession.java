package org.torchat.daemon.tor;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import net.freehaven.tor.control.EventHandler;
import net.freehaven.tor.control.TorControlConnection;
import net.freehaven.tor.control.TorControlException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torchat.daemon.config.OnionDefences;
import org.torchat.protocol.identity.Ed25519Identity;

/**
 * One authenticated connection to a tor's control port, through Briar's jtorctl ({@link TorControlConnection}).
 * Before handing the socket to jtorctl it authenticates itself ({@link TorControlHandshake}: jtorctl 0.5 knows
 * neither PROTOCOLINFO nor SAFECOOKIE), so nothing secret is sent before tor proved it is tor. Events tor sends
 * ({@code STATUS_CLIENT} bootstrap, {@code HS_DESC}) go to {@link Events}, on jtorctl's reader thread.
 */
final class ControlSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlSession.class);
    static final List<String> EVENTS = List.of("STATUS_CLIENT", "HS_DESC");

    /** What tor tells us on its own. Called on jtorctl's reader thread: never call back into the session. */
    interface Events {
        void bootstrap(BootstrapPhase phase);

        void descriptor(HsDescEvent event);
    }

    private final String endpoint;
    private final String torVersion;
    private final Socket socket;
    private final TorControlConnection connection;
    private final CompletableFuture<String> lost;
    private volatile boolean closing;

    private ControlSession(
            String endpoint,
            String torVersion,
            Socket socket,
            TorControlConnection connection,
            CompletableFuture<String> lost) {
        this.endpoint = endpoint;
        this.torVersion = torVersion == null ? "(version unknown)" : torVersion;
        this.socket = socket;
        this.connection = connection;
        this.lost = lost;
    }

    /** Connects, authenticates and subscribes to bootstrap and descriptor events. */
    static ControlSession open(InetSocketAddress address, TorAuthentication auth, Events events, Duration timeout)
            throws TorException {
        String endpoint = address.getHostString() + ":" + address.getPort();
        Socket socket = new Socket();
        try {
            socket.connect(address, (int) timeout.toMillis());
        } catch (IOException e) {
            closeQuietly(socket);
            throw new TorException(
                    "cannot connect to tor's control port " + endpoint + ": " + e.getMessage()
                            + " (is tor running with 'ControlPort " + address.getPort() + "'?)",
                    e);
        }
        CompletableFuture<String> lost = new CompletableFuture<>();
        try {
            socket.setSoTimeout((int) timeout.toMillis());
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            ProtocolInfo info = new TorControlHandshake(in, out, endpoint).authenticate(auth);
            socket.setSoTimeout(0); // jtorctl's reader thread waits for events for as long as the session lives
            TorControlConnection connection = new TorControlConnection(new WatchedInput(in, lost), out);
            ControlSession session = new ControlSession(endpoint, info.torVersion(), socket, connection, lost);
            connection.setEventHandler(session.new Dispatcher(events));
            connection.launchThread(true);
            connection.setEvents(EVENTS);
            LOG.debug("connected to tor {} on control port {}", info.torVersion(), endpoint);
            return session;
        } catch (TorException e) {
            closeQuietly(socket);
            throw e;
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new TorException(
                    "tor's control port " + endpoint + " did not answer within " + timeout.toSeconds()
                            + " s (is it really a tor control port?)",
                    e);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new TorException("lost the connection to tor's control port " + endpoint + ": " + e.getMessage(), e);
        }
    }

    /** Completes with a reason when the connection ends (tor exited, or closed it). */
    CompletableFuture<String> lost() {
        return lost;
    }

    String endpoint() {
        return endpoint;
    }

    /** Tor's version as PROTOCOLINFO gave it, e.g. {@code 0.4.9.11}. */
    String torVersion() {
        return torVersion;
    }

    /** Tor exits when this connection closes (we also set {@code __OwningControllerProcess} for our pid). */
    void takeOwnership() throws TorException {
        try {
            connection.takeOwnership();
        } catch (IOException e) {
            throw failure("TAKEOWNERSHIP", e);
        }
    }

    BootstrapPhase bootstrapPhase() throws TorException {
        String value;
        try {
            value = connection.getInfo("status/bootstrap-phase");
        } catch (IOException e) {
            throw failure("GETINFO status/bootstrap-phase", e);
        }
        try {
            return BootstrapPhase.parse(value == null ? "" : value);
        } catch (IllegalArgumentException e) {
            throw new TorException(
                    "tor answered GETINFO status/bootstrap-phase with something unexpected: " + value, e);
        }
    }

    /** The TCP addresses of tor's SOCKS listeners ({@code GETINFO net/listeners/socks}); may be empty. */
    List<InetSocketAddress> socksListeners() throws TorException {
        try {
            String value = connection.getInfo("net/listeners/socks");
            return ControlReplies.listeners(value == null ? "" : value);
        } catch (IOException e) {
            throw failure("GETINFO net/listeners/socks", e);
        }
    }

    /**
     * Adds our onion service, {@code Port=virtualPort,127.0.0.1:targetPort}, with the defences asked for, and checks
     * that tor's ServiceID is our address. A tor that refuses the proof-of-work arguments (older than 0.4.9) is asked
     * again without them, unless {@code powdefense: on}. Never logs the key.
     *
     * @return the defences tor accepted
     */
    AppliedDefences addOnion(Ed25519Identity identity, int virtualPort, int targetPort, OnionDefences defences)
            throws TorException {
        boolean pow = defences.pow() != OnionDefences.PowDefense.OFF;
        try {
            requestOnion(identity, virtualPort, targetPort, defences, pow);
            return pow
                    ? AppliedDefences.withPow(defences)
                    : AppliedDefences.withoutPow(defences, AppliedDefences.Pow.OFF);
        } catch (TorControlException e) {
            if (!pow || !ControlReplies.refusesPow(e.getMessage())) {
                throw refused(identity, virtualPort, targetPort, defences, pow, e);
            }
            String words = ControlReplies.errorText(e);
            if (defences.pow() == OnionDefences.PowDefense.ON) {
                throw new TorException(
                        "tor " + torVersion + " cannot give our onion service the proof-of-work "
                                + "defence (it answered: " + words
                                + "); it needs tor 0.4.9 or newer. Upgrade tor, or set "
                                + "powdefense: auto to publish without it",
                        e);
            }
            LOG.warn(
                    "tor {} does not take the proof-of-work defence for our onion service ({}); publishing it "
                            + "without (tor 0.4.9 and newer have it)",
                    torVersion,
                    words);
        }
        try {
            requestOnion(identity, virtualPort, targetPort, defences, false);
        } catch (TorControlException e) {
            throw refused(identity, virtualPort, targetPort, defences, false, e);
        }
        return AppliedDefences.withoutPow(defences, AppliedDefences.Pow.UNSUPPORTED);
    }

    /** One ADD_ONION; a refusal comes back as the exception, anything else as a TorException. */
    private void requestOnion(
            Ed25519Identity identity, int virtualPort, int targetPort, OnionDefences defences, boolean pow)
            throws TorControlException, TorException {
        String expected = identity.onionAddress().serviceId();
        Map<String, String> reply;
        try {
            reply = connection.addOnion(
                    AddOnion.keyAndArguments(identity, defences, pow),
                    AddOnion.portLines(virtualPort, targetPort),
                    List.of());
        } catch (TorControlException e) {
            throw e;
        } catch (IOException e) {
            throw failure("ADD_ONION", e);
        } catch (RuntimeException e) {
            throw new TorException("tor answered ADD_ONION with something unexpected: " + e, e);
        }
        String serviceId = reply.get("onionAddress");
        if (!expected.equals(serviceId)) {
            try {
                if (serviceId != null) {
                    connection.delOnion(serviceId);
                }
            } catch (IOException e) {
                LOG.debug("DEL_ONION {} failed: {}", serviceId, e.getMessage());
            }
            throw new TorException("tor published " + serviceId + ".onion but our identity key gives " + expected
                    + ".onion; refusing to go on (is this tor or our identity.key broken?)");
        }
    }

    private static TorException refused(
            Ed25519Identity identity,
            int virtualPort,
            int targetPort,
            OnionDefences defences,
            boolean pow,
            TorControlException e) {
        return new TorException(
                "tor refused to publish our onion service " + identity.onionAddress() + " ("
                        + AddOnion.redacted(virtualPort, targetPort, defences, pow) + "): "
                        + ControlReplies.errorText(e)
                        + ControlReplies.addOnionAdvice(e.getMessage()),
                e);
    }

    @Override
    public void close() {
        closing = true;
        lost.complete("closed by us");
        closeQuietly(socket);
    }

    private TorException failure(String command, IOException e) {
        if (e instanceof TorControlException) {
            return new TorException(
                    "tor refused " + command + " on control port " + endpoint + ": " + ControlReplies.errorText(e), e);
        }
        return new TorException(
                "lost the connection to tor's control port " + endpoint + " during " + command + ": "
                        + (e.getMessage() == null ? e.toString() : e.getMessage()),
                e);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }

    /** Passes jtorctl's events on; an exception here would end jtorctl's reader thread, so none escapes. */
    private final class Dispatcher implements EventHandler {
        private final Events events;

        Dispatcher(Events events) {
            this.events = events;
        }

        @Override
        public void unrecognized(String type, String rest) {
            try {
                switch (type) {
                    case "STATUS_CLIENT" -> {
                        if (rest.contains(" BOOTSTRAP ")) {
                            events.bootstrap(BootstrapPhase.parse(rest));
                        } else {
                            LOG.debug("tor status: {}", rest);
                        }
                    }
                    case "HS_DESC" -> events.descriptor(HsDescEvent.parse(rest));
                    default -> LOG.debug("tor event {} {}", type, rest);
                }
            } catch (RuntimeException e) {
                LOG.warn("cannot handle tor event {} {}: {}", type, rest, e.toString());
            }
        }

        @Override
        public void controlConnectionClosed() {
            lost.complete(closing ? "closed by us" : "tor closed the control connection");
        }

        @Override
        public void circuitStatus(String status, String circID, String path) {}

        @Override
        public void streamStatus(String status, String streamID, String target) {}

        @Override
        public void orConnStatus(String status, String orName) {}

        @Override
        public void bandwidthUsed(long read, long written) {}

        @Override
        public void newDescriptors(List<String> orList) {}

        @Override
        public void message(String severity, String msg) {}
    }

    /** Notices the end of the control connection however it ends (jtorctl reports only a clean end). */
    private static final class WatchedInput extends FilterInputStream {
        private final CompletableFuture<String> lost;

        WatchedInput(InputStream in, CompletableFuture<String> lost) {
            super(in);
            this.lost = lost;
        }

        @Override
        public int read() throws IOException {
            return watch(() -> super.read());
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return watch(() -> super.read(b, off, len));
        }

        private int watch(IoRead read) throws IOException {
            try {
                int n = read.get();
                if (n < 0) {
                    lost.complete("tor closed the control connection");
                }
                return n;
            } catch (IOException e) {
                lost.complete("the control connection failed: " + e.getMessage());
                throw e;
            }
        }

        private interface IoRead {
            int get() throws IOException;
        }
    }
}
