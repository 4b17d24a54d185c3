package org.torchat.daemon.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torchat.daemon.DaemonThreads;
import org.torchat.protocol.DeadlineInputStream;

/**
 * A TCP listener: the one place where the daemon accepts sockets. Each connection is served on a worker
 * thread; at most {@code maxConnections} at once. When all are taken, the oldest connection that has not yet sent
 * its whole request has its read deadline cut short (it gets the same ERR as any connection out of time) to make
 * room: whoever holds connections open without sending (anyone on the Tor
 * network can) only pushes out its own kind, and a peer that sends its frame at once (a contact's daemon) gets
 * served. Only when every connection is busy with a request does a new one get ERR and is closed at once.
 */
public final class Listener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Listener.class);
    private static final int DRAIN_LIMIT_BYTES = 64 * 1024;
    private static final int DRAIN_TIMEOUT_MILLIS = 1000;
    /** How long the accept thread waits for the worker of a connection it closed to become free. */
    private static final long EVICTION_WAIT_MILLIS = 500;

    private final String name;
    private final ServerSocket server;
    private ConnectionProcessor processor;
    private final Duration frameDeadline;
    private final int maxConnections;
    private final ThreadPoolExecutor workers;
    private final Thread acceptor;
    /** Connections that have not sent their whole request yet, oldest first. */
    private final ConcurrentLinkedDeque<Connection> waitingForRequest = new ConcurrentLinkedDeque<>();

    /** An accepted socket and the one stream its request is read through. */
    private record Connection(Socket socket, DeadlineInputStream in) {}

    private Listener(String name, ServerSocket server, Duration frameDeadline, int maxConnections) {
        this.name = name;
        this.server = server;
        this.frameDeadline = frameDeadline;
        this.maxConnections = maxConnections;
        this.workers = new ThreadPoolExecutor(
                0, maxConnections, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), DaemonThreads.numbered(name));
        this.acceptor = DaemonThreads.named(this::acceptLoop, name + "-accept");
    }

    /** Binds the port (so a port in use is known before anything else starts); {@link #start} begins accepting. */
    public static Listener bind(
            String name, InetAddress address, int port, int backlog, int maxConnections, Duration frameDeadline)
            throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(address, port), backlog);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        return new Listener(name, server, frameDeadline, maxConnections);
    }

    /** Begins accepting connections and serving them with {@code connectionProcessor}. */
    public void start(ConnectionProcessor connectionProcessor) {
        this.processor = connectionProcessor;
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code host:port} as users write it, for logs. */
    public String endpoint() {
        return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                submit(socket);
            } catch (SocketException e) {
                if (!server.isClosed()) {
                    LOG.error("{}: accept failed", name, e);
                }
            } catch (IOException e) {
                LOG.error("{}: accept failed", name, e);
            }
        }
    }

    private void submit(Socket socket) {
        Connection connection;
        try {
            connection = new Connection(socket, new DeadlineInputStream(socket, frameDeadline));
        } catch (IOException e) {
            LOG.debug("{}: accepted connection already gone: {}", name, e.getMessage());
            closeQuietly(socket);
            return;
        }
        waitingForRequest.addLast(connection);
        if (tryExecute(connection)) {
            return;
        }
        Connection oldest = waitingForRequest.pollFirst();
        if (oldest != null && oldest != connection) {
            LOG.debug(
                    "{} {}: deadline cut short to make room: no request after {} connections",
                    name,
                    oldest.socket().getRemoteSocketAddress(),
                    maxConnections);
            oldest.in().cutShort();
            long giveUp = System.nanoTime() + EVICTION_WAIT_MILLIS * 1_000_000;
            while (System.nanoTime() < giveUp) {
                if (tryExecute(connection)) {
                    return;
                }
                pause();
            }
        }
        waitingForRequest.remove(connection);
        refuse(socket);
    }

    private boolean tryExecute(Connection connection) {
        try {
            workers.execute(() -> serve(connection));
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private void serve(Connection connection) {
        Socket socket = connection.socket();
        String remote = String.valueOf(socket.getRemoteSocketAddress());
        try (socket) {
            socket.setTcpNoDelay(true);
            DeadlineInputStream in = connection.in();
            processor.process(
                    in, socket.getOutputStream(), remote, () -> waitingForRequest.remove(connection), deadlineOf(in));
            finish(socket);
        } catch (IOException e) {
            LOG.debug("{} {}: connection ended: {}", name, remote, e.getMessage());
        } finally {
            waitingForRequest.remove(connection);
        }
    }

    private static ReadDeadline deadlineOf(DeadlineInputStream in) {
        return new ReadDeadline() {
            @Override
            public void renew() {
                in.renew();
            }

            @Override
            public void renew(Duration time) {
                in.renew(time);
            }
        };
    }

    private static void pause() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing to make room: nothing else to do
        }
    }

    /** Runs on the accept thread, so it must never wait for the client: answer, close, move on. */
    private void refuse(Socket socket) {
        String remote = String.valueOf(socket.getRemoteSocketAddress());
        try (socket) {
            processor.refuseBusy(socket.getOutputStream(), remote, maxConnections);
            socket.shutdownOutput();
        } catch (IOException e) {
            LOG.debug("{} {}: refused connection ended: {}", name, remote, e.getMessage());
        }
    }

    /**
     * Half-closes and reads what the client still sends until it closes: closing a socket with unread input
     * makes the kernel send RST, which can destroy the reply before the client has read it.
     */
    private static void finish(Socket socket) throws IOException {
        socket.shutdownOutput();
        socket.setSoTimeout(DRAIN_TIMEOUT_MILLIS);
        InputStream in = socket.getInputStream();
        byte[] sink = new byte[4096];
        int total = 0;
        int n;
        while (total < DRAIN_LIMIT_BYTES && (n = in.read(sink)) > 0) {
            total += n;
        }
    }

    /** Stops accepting, lets requests in flight finish (up to {@code grace}), then closes the rest. */
    public void close(Duration grace) {
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("{}: close: {}", name, e.getMessage());
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn(
                        "{}: {} requests still running after {} s; abandoning them",
                        name,
                        workers.getActiveCount(),
                        grace.toSeconds());
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
