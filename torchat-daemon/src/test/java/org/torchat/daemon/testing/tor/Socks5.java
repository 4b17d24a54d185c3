package org.torchat.daemon.testing.tor;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A SOCKS5 CONNECT by name (RFC 1928, no authentication), so that tor resolves the onion address. */
public final class Socks5 {
    private Socks5() {}

    /** Thrown when the proxy answers CONNECT with a failure; {@link #reply} is the code (tor: 0xF0.. for onions). */
    public static final class RefusedException extends IOException {
        private final int reply;

        RefusedException(int reply) {
            super(String.format("SOCKS5 reply 0x%02X", reply));
            this.reply = reply;
        }

        public int reply() {
            return reply;
        }
    }

    /** An open stream to {@code host:port} through the proxy at {@code socks}. */
    public static Socket connect(InetSocketAddress socks, String host, int port, int timeoutMillis) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(socks, timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            DataInputStream in = new DataInputStream(s.getInputStream());
            out.write(new byte[] {5, 1, 0});
            out.flush();
            if (in.readUnsignedByte() != 5 || in.readUnsignedByte() != 0) {
                throw new IOException("the SOCKS proxy refused 'no authentication'");
            }
            byte[] name = host.getBytes(StandardCharsets.US_ASCII);
            byte[] request = new byte[7 + name.length];
            request[0] = 5;
            request[1] = 1;
            request[3] = 3;
            request[4] = (byte) name.length;
            System.arraycopy(name, 0, request, 5, name.length);
            request[5 + name.length] = (byte) (port >> 8);
            request[6 + name.length] = (byte) port;
            out.write(request);
            out.flush();
            in.readUnsignedByte();
            int reply = in.readUnsignedByte();
            in.readUnsignedByte();
            int atyp = in.readUnsignedByte();
            if (reply != 0) {
                throw new RefusedException(reply);
            }
            int skip = switch (atyp) {
                case 1 -> 4;
                case 4 -> 16;
                case 3 -> in.readUnsignedByte();
                default -> throw new IOException("unknown SOCKS address type " + atyp);
            };
            in.readFully(new byte[skip + 2]);
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }
}
