package org.torchat.daemon.delivery;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The client side of a SOCKS5 CONNECT (RFC 1928), always by domain name (ATYP 3) so that Tor, not this machine,
 * resolves the onion name. Without an isolation tag no authentication is offered; with one, a username and password
 * (RFC 1929) made of it are offered too, which Tor (IsolateSOCKSAuth, on by default) takes as "never share a circuit
 * with streams of another tag": file transfers get their own rendezvous circuit, so messages do not queue behind
 * their data. A proxy that does not authenticate may choose no authentication; the connection then works unisolated.
 */
public final class Socks5Handshake {
    private static final int VERSION = 5;
    private static final int NO_AUTH = 0;
    private static final int USERNAME_PASSWORD = 2;
    private static final int CMD_CONNECT = 1;
    private static final int ATYP_IPV4 = 1;
    private static final int ATYP_DOMAIN = 3;
    private static final int ATYP_IPV6 = 4;

    private Socks5Handshake() {}

    public static void connect(InputStream rawIn, OutputStream out, String host, int port)
            throws IOException, DeliveryException {
        connect(rawIn, out, host, port, null);
    }

    /** {@code isolation}: null, or the tag of the streams this one may share a circuit with (ASCII, 1-255 bytes). */
    public static void connect(InputStream rawIn, OutputStream out, String host, int port, String isolation)
            throws IOException, DeliveryException {
        byte[] name = host.getBytes(StandardCharsets.US_ASCII);
        if (name.length > 255) {
            throw new DeliveryException("host name too long for SOCKS5: " + name.length + " bytes");
        }
        DataInputStream in = new DataInputStream(rawIn);
        out.write(
                isolation == null
                        ? new byte[] {VERSION, 1, NO_AUTH}
                        : new byte[] {VERSION, 2, NO_AUTH, USERNAME_PASSWORD});
        out.flush();
        int version;
        int method;
        try {
            version = in.readUnsignedByte();
            method = in.readUnsignedByte();
        } catch (EOFException e) {
            throw new DeliveryException(
                    "the SOCKS proxy closed the connection before choosing an authentication method");
        }
        if (version != VERSION) {
            throw new DeliveryException("the SOCKS proxy is not SOCKS5 (version byte " + version + ")");
        }
        if (method == USERNAME_PASSWORD && isolation != null) {
            authenticate(in, out, isolation);
        } else if (method != NO_AUTH) {
            throw new DeliveryException(
                    "the SOCKS proxy wants authentication method " + method + ", which we did not " + "offer");
        }
        out.write(connectRequest(name, port));
        out.flush();
        readReply(in);
    }

    /** RFC 1929 with the tag as both username and password: Tor accepts any, and isolates by them. */
    private static void authenticate(DataInputStream in, OutputStream out, String isolation)
            throws IOException, DeliveryException {
        byte[] tag = isolation.getBytes(StandardCharsets.US_ASCII);
        if (tag.length == 0 || tag.length > 255) {
            throw new IllegalArgumentException("an isolation tag has 1 to 255 bytes");
        }
        byte[] request = new byte[3 + 2 * tag.length];
        request[0] = 1;
        request[1] = (byte) tag.length;
        System.arraycopy(tag, 0, request, 2, tag.length);
        request[2 + tag.length] = (byte) tag.length;
        System.arraycopy(tag, 0, request, 3 + tag.length, tag.length);
        out.write(request);
        out.flush();
        try {
            in.readUnsignedByte();
            if (in.readUnsignedByte() != 0) {
                throw new DeliveryException("the SOCKS proxy refused the username and password we isolate streams by");
            }
        } catch (EOFException e) {
            throw new DeliveryException("the SOCKS proxy closed the connection during authentication");
        }
    }

    private static byte[] connectRequest(byte[] name, int port) {
        byte[] request = new byte[7 + name.length];
        request[0] = VERSION;
        request[1] = CMD_CONNECT;
        request[2] = 0;
        request[3] = ATYP_DOMAIN;
        request[4] = (byte) name.length;
        System.arraycopy(name, 0, request, 5, name.length);
        request[5 + name.length] = (byte) (port >> 8);
        request[6 + name.length] = (byte) port;
        return request;
    }

    private static void readReply(DataInputStream in) throws IOException, DeliveryException {
        try {
            int version = in.readUnsignedByte();
            int reply = in.readUnsignedByte();
            in.readUnsignedByte();
            int atyp = in.readUnsignedByte();
            if (version != VERSION) {
                throw new DeliveryException("the SOCKS proxy answered version " + version);
            }
            if (reply != 0) {
                throw new DeliveryException(describe(reply));
            }
            skipBoundAddress(in, atyp);
        } catch (EOFException e) {
            throw new DeliveryException("the SOCKS proxy closed the connection during CONNECT");
        }
    }

    private static void skipBoundAddress(DataInputStream in, int atyp) throws IOException, DeliveryException {
        int length = switch (atyp) {
            case ATYP_IPV4 -> 4;
            case ATYP_IPV6 -> 16;
            case ATYP_DOMAIN -> in.readUnsignedByte();
            default -> throw new DeliveryException("the SOCKS proxy answered an unknown address type " + atyp);
        };
        in.readFully(new byte[length + 2]);
    }

    /** RFC 1928 reply codes, and Tor's extended ones for onion services (ExtendedErrors). */
    static String describe(int reply) {
        String reason = switch (reply) {
            case 1 -> "general SOCKS server failure";
            case 2 -> "connection not allowed by ruleset";
            case 3 -> "network unreachable";
            case 4 -> "host unreachable";
            case 5 -> "connection refused";
            case 6 -> "TTL expired";
            case 7 -> "command not supported";
            case 8 -> "address type not supported";
            case 0xF0 -> "onion service descriptor not found (the peer is offline or the address is wrong)";
            case 0xF1 -> "onion service descriptor is invalid";
            case 0xF2 -> "onion service introduction failed";
            case 0xF3 -> "onion service rendezvous failed";
            case 0xF4 -> "onion service requires client authorization";
            case 0xF5 -> "onion service client authorization is wrong";
            case 0xF6 -> "onion address is invalid";
            case 0xF7 -> "onion service introduction timed out";
            default -> "unknown failure";
        };
        return "SOCKS5 reply " + reply + ": " + reason;
    }
}
