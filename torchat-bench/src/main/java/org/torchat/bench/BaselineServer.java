package org.torchat.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The floor under {@link ControlLoad}'s numbers: a server that does only what every one-request-per-connection
 * server must (accept, read one frame, write a canned HOST reply, half-close, wait for the client to close), on
 * a thread per connection as the daemon does, with no parsing, dispatch or logging. What ControlLoad measures
 * against it is what this machine allows for the pattern, load driver included; the daemon's figure beside it
 * shows what the daemon's own work costs.
 *
 * <p>Usage: {@code java -cp torchat-bench/target/torchat-bench.jar org.torchat.bench.BaselineServer PORT}, then
 * {@code ControlLoad PORT ... HOST ...} in another shell.
 */
public final class BaselineServer {
    private static final byte[] REPLY = frame("{\"cmd\":\"HOST\",\"id\":\"localhost\",\"msg\":\""
            + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.onion\",\"portno\":8000}");

    private BaselineServer() {}

    public static void main(String[] args) throws IOException {
        ExecutorService workers = Executors.newCachedThreadPool();
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])), 512);
            System.out.println("baseline server on " + server.getLocalSocketAddress());
            while (true) {
                Socket socket = server.accept();
                workers.execute(() -> serve(socket));
            }
        }
    }

    private static void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] header = new byte[4];
            in.readFully(header);
            in.readFully(new byte[Integer.parseInt(new String(header, StandardCharsets.US_ASCII))]);
            socket.getOutputStream().write(REPLY);
            socket.shutdownOutput();
            InputStream rest = socket.getInputStream();
            while (rest.read() >= 0) {
                // until the client closes, as the daemon does
            }
        } catch (IOException | NumberFormatException e) {
            // a load driver that gave up: nothing to do
        }
    }

    private static byte[] frame(String payload) {
        return (String.format("%04d", payload.length()) + payload).getBytes(StandardCharsets.US_ASCII);
    }
}
