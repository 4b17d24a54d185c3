package org.torchat.daemon.tor;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.Consumer;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;

/**
 * A tor we control through its control port: {@link ManagedTor} (a child process of ours) or {@link ExternalTor}
 * (one the user runs). It publishes our onion service from our own identity key and tells us where its SOCKS port
 * is. If tor or the control connection goes away it is started / reconnected again, and our service re-added.
 */
public interface Tor extends AutoCloseable {
    /** The onion port peers connect to (the seed's {@code portno}). */
    int ONION_PORT = 80;

    /**
     * Tor's SOCKS5 port for reaching peers. Ask for each connection: after tor was restarted it can differ
     * (a managed tor tries to keep its port).
     */
    InetSocketAddress socksAddress();

    TorStatus status();

    /** Called (on a tor thread; return quickly) with each new status. */
    void addStatusListener(Consumer<TorStatus> listener);

    /**
     * Publishes our onion service: {@code ADD_ONION ED25519-V3:<expanded key> Port=80,127.0.0.1:<peerPort>}, tied to
     * our control connection (no {@code Detach}). Checks that the service id tor answers is the one our key gives.
     * Returns as soon as tor accepted it; {@link #awaitPublished} waits for the descriptor upload. The service is
     * added again by itself whenever tor restarts. One service per tor; publishing the same identity again is a no-op.
     *
     * @throws TorException tor refused the command, or answered another address than ours
     */
    OnionAddress publish(Ed25519Identity identity, int peerPort) throws TorException;

    /** Waits until tor reports 100% bootstrap; on timeout the exception says where it is stuck. */
    TorStatus awaitBootstrapped(Duration timeout) throws TorException, InterruptedException;

    /** Waits for the first {@code HS_DESC UPLOADED} of our service (after {@link #publish}). */
    TorStatus awaitPublished(Duration timeout) throws TorException, InterruptedException;

    /** Removes our service, closes the control connection; a managed tor process exits. Idempotent. */
    @Override
    void close();
}
