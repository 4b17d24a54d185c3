package org.torchat.daemon.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A SOCKS5 server for tests, standing in for Tor: CONNECT by domain name to an onion address that was
 * {@link #map mapped} is relayed to a loopback port (a daemon's peer listener); anything else is refused
 * with reply 4 (host unreachable), or 8 (address type not supported) for IP addresses. Every CONNECT is
 * recorded so tests can check what the daemon asked for.
 */
public final class TestSocks5Server implements AutoCloseable {
    /** One CONNECT as the client sent it. */
    public record ConnectRequest(int addressType, String host, int port) {}

    private final ServerSocket server;
    private final Map<String, Integer> routes = new ConcurrentHashMap<>();
    private final List<ConnectRequest> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    static final int CELL_PAYLOAD = 498;
    private final java.util.concurrent.atomic.AtomicLong relayedBytes = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong relayedCells = new java.util.concurrent.atomic.AtomicLong();

    public TestSocks5Server() throws IOException {
        this(InetAddress.getLoopbackAddress());
    }

    /** Listens on {@code bind} (e.g. a loopback alias such as 127.0.0.2, so connections to it stand out). */
    public TestSocks5Server(InetAddress bind) throws IOException {
        server = new ServerSocket(0, 50, bind);
        Thread acceptor = new Thread(this::acceptLoop, "test-socks-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Bytes relayed so far, both directions, all connections (after the SOCKS handshake). */
    public long relayedBytes() {
        return relayedBytes.get();
    }

    /**
     * The RELAY_DATA cells Tor would have needed for what was relayed: each chunk read from one side takes one cell
     * per {@value #CELL_PAYLOAD} bytes (what a relay cell carries of a stream's data).
     */
    public long relayedCells() {
        return relayedCells.get();
    }

    public void map(String onionHostname, int loopbackPort) {
        routes.put(onionHostname, loopbackPort);
    }

    public int port() {
        return server.getLocalPort();
    }

    public String address() {
        return server.getInetAddress().getHostAddress() + ":" + port();
    }

    public List<ConnectRequest> requests() {
        return List.copyOf(requests);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                startThread(() -> serve(client), "test-socks-conn");
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try {
            DataInputStream in = new DataInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            greet(in, out);
            ConnectRequest request = readConnect(in);
            requests.add(request);
            Integer target = request.addressType() == 3 ? routes.get(request.host()) : null;
            if (target == null) {
                reply(out, request.addressType() == 3 ? 4 : 8);
                client.close();
                return;
            }
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
            open.add(upstream);
            reply(out, 0);
            InputStream fromUpstream = upstream.getInputStream();
            startThread(() -> pump(fromUpstream, client, out), "test-socks-down");
            pump(in, upstream, upstream.getOutputStream());
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private static void greet(DataInputStream in, OutputStream out) throws IOException {
        if (in.readUnsignedByte() != 5) {
            throw new IOException("not SOCKS5");
        }
        in.readFully(new byte[in.readUnsignedByte()]);
        out.write(new byte[] {5, 0});
        out.flush();
    }

    private static ConnectRequest readConnect(DataInputStream in) throws IOException {
        in.readUnsignedByte();
        in.readUnsignedByte();
        in.readUnsignedByte();
        int atyp = in.readUnsignedByte();
        String host = switch (atyp) {
            case 1 -> readAddress(in, 4);
            case 4 -> readAddress(in, 16);
            case 3 -> {
                byte[] name = new byte[in.readUnsignedByte()];
                in.readFully(name);
                yield new String(name, StandardCharsets.US_ASCII);
            }
            default -> throw new IOException("bad address type " + atyp);
        };
        int port = in.readUnsignedShort();
        return new ConnectRequest(atyp, host, port);
    }

    private static String readAddress(DataInputStream in, int length) throws IOException {
        byte[] raw = new byte[length];
        in.readFully(raw);
        return InetAddress.getByAddress(raw).getHostAddress();
    }

    private static void reply(OutputStream out, int code) throws IOException {
        out.write(new byte[] {5, (byte) code, 0, 1, 0, 0, 0, 0, 0, 0});
        out.flush();
    }

    /**
     * Copies until EOF, then closes both sides: like Tor, which has no half-closed streams (a FIN from either end
     * ends the whole stream), so a client that half-closes before reading its answer loses it here too.
     */
    private void pump(InputStream from, Socket toSocket, OutputStream to) {
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = from.read(buffer)) > 0) {
                to.write(buffer, 0, n);
                to.flush();
                relayedBytes.addAndGet(n);
                relayedCells.addAndGet((n + CELL_PAYLOAD - 1) / CELL_PAYLOAD);
            }
        } catch (IOException e) {
            // the other direction's pump closes too
        }
        closeQuietly(toSocket);
    }

    private static void startThread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // test helper: nothing to report
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        open.forEach(TestSocks5Server::closeQuietly);
    }

    /** An address nobody listens on, for "no proxy" tests. */
    public static InetSocketAddress closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), s.getLocalPort());
        }
    }
}
