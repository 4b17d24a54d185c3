package org.torchat.daemon.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Raw bytes over a socket, as the seed's test tools send them: no help from our own codec. */
public final class Wire {
    private Wire() {}

    /** A frame with a correct header around {@code json}. */
    public static byte[] frame(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] header = String.format("%04d", body.length).getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[header.length + body.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(body, 0, all, header.length, body.length);
        return all;
    }

    /** Sends {@code bytes}, half-closes, and returns everything the daemon wrote before closing (5 s at most). */
    public static String exchange(int port, byte[] bytes) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(bytes);
            s.shutdownOutput();
            return readAll(s.getInputStream());
        }
    }

    /** Sends {@code bytes} and keeps our side open, as a client that stalls would; returns what arrives in {@code waitMillis}. */
    public static String exchangeWithoutClosing(int port, byte[] bytes, int waitMillis) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(waitMillis);
            s.getOutputStream().write(bytes);
            return readAll(s.getInputStream());
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // whatever arrived is the answer
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
