package org.torchat.tui;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.torchat.protocol.FrameReader;
import org.torchat.protocol.FrameWriter;
import org.torchat.protocol.Message;
import org.torchat.protocol.MessageCodec;

/**
 * A scripted stand-in for a daemon's control port on loopback (not a real daemon): one request per
 * connection, answered with the frames {@code script} returns, as the seed protocol does.
 */
public final class FakeDaemonServer implements AutoCloseable {
    public final List<Message> requests = new CopyOnWriteArrayList<>();
    private final ServerSocket server;
    private final Function<Message, List<Message>> script;
    private final Thread thread;

    public FakeDaemonServer(Function<Message, List<Message>> script) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.script = script;
        this.thread = new Thread(this::serve, "fake-daemon");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                Optional<String> frame = new FrameReader(s.getInputStream()).read();
                if (frame.isEmpty()) {
                    continue;
                }
                Message request = MessageCodec.decode(frame.get());
                requests.add(request);
                FrameWriter out = new FrameWriter(s.getOutputStream());
                for (Message reply : script.apply(request)) {
                    out.write(MessageCodec.encode(reply));
                }
            } catch (Exception e) {
                // closed, or a client that went away: next connection
            }
        }
    }

    /** A port nobody listens on (bound, then released). */
    public static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
