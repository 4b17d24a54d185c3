package org.torchat.daemon.tor;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.torchat.daemon.config.OnionDefences;

/**
 * A tor the user runs (for example {@code tor -f tor/torrc} from the repository): we connect to its control port,
 * authenticate with SAFECOOKIE (tor proves it knows its cookie before we send anything) or a password, publish our
 * onion service the same way as with our own tor, and use the SOCKS port it reports
 * ({@code GETINFO net/listeners/socks}). We never stop it. If the connection goes away (tor restarted) we connect
 * again with growing pauses and add our service again.
 */
public final class ExternalTor extends SupervisedTor {

    /**
     * @param host             the control port's host, normally {@code 127.0.0.1} (an IP address: no name lookups)
     * @param port             the control port
     * @param authentication   cookie file, password, or {@link TorAuthentication#auto()} (as tor's PROTOCOLINFO says)
     * @param connectTimeout   for connecting and each answer during the handshake
     * @param bootstrapTimeout after this, a bootstrap that has not reached 100% is reported as stuck
     * @param reconnectDelay   the first pause before connecting again; doubles up to {@code maxReconnectDelay}
     * @param defences         tor's defences asked for when publishing our onion service
     */
    public record Options(
            String host,
            int port,
            TorAuthentication authentication,
            Duration connectTimeout,
            Duration bootstrapTimeout,
            Duration reconnectDelay,
            Duration maxReconnectDelay,
            OnionDefences defences) {
        public Options {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(defences, "defences");
            Objects.requireNonNull(authentication, "authentication");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("control port must be 1..65535, got " + port);
            }
        }

        /** Defaults: connect timeout 10 s, bootstrap timeout 5 min, reconnects 1 s .. 60 s apart. */
        public static Options of(String host, int port, TorAuthentication authentication) {
            return new Options(
                    host,
                    port,
                    authentication,
                    Duration.ofSeconds(10),
                    Duration.ofMinutes(5),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(60),
                    OnionDefences.DEFAULTS);
        }

        public Options withBootstrapTimeout(Duration timeout) {
            return new Options(
                    host, port, authentication, connectTimeout, timeout, reconnectDelay, maxReconnectDelay, defences);
        }

        public Options withReconnectDelays(Duration first, Duration max) {
            return new Options(host, port, authentication, connectTimeout, bootstrapTimeout, first, max, defences);
        }

        public Options withDefences(OnionDefences asked) {
            return new Options(
                    host,
                    port,
                    authentication,
                    connectTimeout,
                    bootstrapTimeout,
                    reconnectDelay,
                    maxReconnectDelay,
                    asked);
        }
    }

    private final Options options;

    private ExternalTor(Options options) {
        super(
                "tor at " + options.host() + ":" + options.port(),
                options.bootstrapTimeout(),
                options.reconnectDelay(),
                options.maxReconnectDelay(),
                options.defences());
        this.options = options;
    }

    /**
     * Connects and authenticates; returns at once (bootstrap may still be in progress).
     *
     * @throws TorException nothing listens there, it is no tor, authentication failed, or tor has no SOCKS port
     */
    public static ExternalTor connect(Options options) throws TorException {
        ExternalTor tor = new ExternalTor(options);
        try {
            tor.startSupervised();
        } catch (TorException | RuntimeException e) {
            tor.close();
            throw e;
        }
        return tor;
    }

    @Override
    protected Connection connect(ControlSession.Events events) throws TorException {
        long started = System.nanoTime();
        InetSocketAddress address = new InetSocketAddress(options.host(), options.port());
        ControlSession session =
                ControlSession.open(address, options.authentication(), events, options.connectTimeout());
        try {
            List<InetSocketAddress> socks = session.socksListeners();
            if (socks.isEmpty()) {
                throw new TorException("the tor at " + session.endpoint() + " has no SOCKS port: add 'SocksPort 9250' "
                        + "to its torrc, or pass --socks HOST:PORT");
            }
            InetSocketAddress first = socks.get(0);
            if (first.getAddress() != null && first.getAddress().isAnyLocalAddress()) {
                first = new InetSocketAddress(InetAddress.getLoopbackAddress(), first.getPort()); // SocksPort 0.0.0.0:N
            }
            CompletableFuture<String> lost = session.lost();
            return new Connection(session, first, lost, () -> {}, started);
        } catch (TorException | RuntimeException e) {
            session.close();
            throw e;
        }
    }
}
