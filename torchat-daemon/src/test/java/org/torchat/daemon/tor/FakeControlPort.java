package org.torchat.daemon.tor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A tor control port in the test: answers PROTOCOLINFO, AUTHCHALLENGE SAFECOOKIE (its server hash computed here from
 * its own cookie, as tor does), AUTHENTICATE (checking the SAFECOOKIE client hash, the plain cookie, or the password,
 * as {@link #methods} allows), SETEVENTS, GETINFO,
 * TAKEOWNERSHIP, ADD_ONION (with a configurable ServiceID and {@code HS_DESC UPLOADED} events after it) and DEL_ONION,
 * and records every command. Enough of tor to test our side of the conversation without tor.
 */
final class FakeControlPort implements AutoCloseable {
    private final ServerSocket server;
    private final Path cookieFile;
    private final byte[] cookie = new byte[32];
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    volatile String methods = "COOKIE,SAFECOOKIE";
    /** False: a fake that does not know the cookie it names, so its SAFECOOKIE server hash is wrong. */
    volatile boolean knowsCookie = true;
    /** The control password HASHEDPASSWORD accepts. */
    volatile String password = "secret";

    volatile String bootstrap = "NOTICE BOOTSTRAP PROGRESS=100 TAG=done SUMMARY=\"Done\"";
    volatile String socksListeners = "\"127.0.0.1:9050\"";
    /** The ServiceID ADD_ONION answers; set it to the identity's for success. */
    volatile String serviceId = "x".repeat(56);
    /** When set, ADD_ONION is refused with this reply line. */
    volatile String addOnionRefusal;
    /**
     * True: ADD_ONION knows only the keywords of tor before 0.4.9 (no proof-of-work ones) and refuses others as
     * tor 0.4.9.11 was seen to: {@code 512 Bad arguments to ADD_ONION: Unrecognized keyword argument "Foo"}.
     */
    volatile boolean beforePow;

    volatile int uploadsAfterAdd = 2;
    volatile long uploadDelayMillis = 50;

    FakeControlPort(Path dir) throws IOException {
        new SecureRandom().nextBytes(cookie);
        cookieFile = dir.resolve("control_auth_cookie");
        Files.write(cookieFile, cookie);
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "fake-control-port");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    Path cookieFile() {
        return cookieFile;
    }

    byte[] cookie() {
        return cookie.clone();
    }

    List<String> commands() {
        return List.copyOf(commands);
    }

    long count(String prefix) {
        return commands.stream().filter(c -> c.startsWith(prefix)).count();
    }

    /** Sends {@code 650 <line>} on every open connection. */
    void event(String line) throws IOException {
        for (Socket s : open) {
            send(s, "650 " + line);
        }
    }

    /** Closes every connection, as a tor that exits would. */
    void dropConnections() throws IOException {
        for (Socket s : open) {
            s.close();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        dropConnections();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                Thread t = new Thread(() -> serve(s), "fake-control-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /** What one connection's SAFECOOKIE challenge expects as AUTHENTICATE. */
    private static final class Conn {
        byte[] expectedClientHash;
    }

    private void serve(Socket s) {
        Conn conn = new Conn();
        try (s;
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = in.readLine()) != null) {
                commands.add(line);
                if (!answer(s, line, conn)) {
                    return;
                }
            }
        } catch (IOException e) {
            // closed
        } finally {
            open.remove(s);
        }
    }

    /** Returns false when the connection is to be closed. */
    private boolean answer(Socket s, String line, Conn conn) throws IOException {
        String[] words = line.split(" ");
        switch (words[0]) {
            case "PROTOCOLINFO" ->
                send(
                        s,
                        "250-PROTOCOLINFO 1",
                        "250-AUTH METHODS=" + methods + " COOKIEFILE=\"" + cookieFile + "\"",
                        "250-VERSION Tor=\"0.4.9.11\"",
                        "250 OK");
            case "AUTHCHALLENGE" -> {
                if (words.length < 3 || !words[1].equals("SAFECOOKIE") || !methods.contains("SAFECOOKIE")) {
                    send(s, "513 AUTHCHALLENGE only supports SAFECOOKIE authentication");
                    return false;
                }
                byte[] clientNonce = HexFormat.of().parseHex(words[2]);
                byte[] serverNonce = new byte[32];
                new SecureRandom().nextBytes(serverNonce);
                byte[] known = cookie.clone();
                if (!knowsCookie) {
                    new SecureRandom().nextBytes(known);
                }
                conn.expectedClientHash = hmac(
                        "Tor safe cookie authentication controller-to-server hash", known, clientNonce, serverNonce);
                send(
                        s,
                        "250 AUTHCHALLENGE SERVERHASH="
                                + HexFormat.of()
                                        .formatHex(hmac(
                                                "Tor safe cookie authentication server-to-controller hash",
                                                known,
                                                clientNonce,
                                                serverNonce))
                                + " SERVERNONCE=" + HexFormat.of().formatHex(serverNonce));
            }
            case "AUTHENTICATE" -> {
                if (!authenticated(words.length > 1 ? words[1] : "", conn)) {
                    send(s, "515 Authentication failed: Safe cookie response did not match expected value.");
                    return false;
                }
                send(s, "250 OK");
            }
            case "SETEVENTS", "TAKEOWNERSHIP", "DEL_ONION" -> send(s, "250 OK");
            case "GETINFO" -> {
                String key = words[1];
                String value = switch (key) {
                    case "status/bootstrap-phase" -> bootstrap;
                    case "net/listeners/socks" -> socksListeners;
                    default -> null;
                };
                if (value == null) {
                    send(s, "552 Unrecognized key \"" + key + "\"");
                } else {
                    send(s, "250-" + key + "=" + value, "250 OK");
                }
            }
            case "ADD_ONION" -> {
                String refusal = addOnionRefusal;
                if (refusal == null && beforePow) {
                    refusal = unknownKeyword(words);
                }
                if (refusal != null) {
                    send(s, refusal);
                    return true;
                }
                String id = serviceId;
                send(s, "250-ServiceID=" + id, "250 OK");
                int uploads = uploadsAfterAdd;
                long delay = uploadDelayMillis;
                Thread t = new Thread(
                        () -> {
                            try {
                                Thread.sleep(delay);
                                send(s, "650 HS_DESC UPLOAD " + id + " UNKNOWN $AAAA~relay0 descid HSDIR_INDEX=00");
                                for (int i = 0; i < uploads; i++) {
                                    send(s, "650 HS_DESC UPLOADED " + id + " UNKNOWN $AAAA~relay" + i);
                                }
                            } catch (IOException | InterruptedException e) {
                                // connection gone
                            }
                        },
                        "fake-uploads");
                t.setDaemon(true);
                t.start();
            }
            default -> send(s, "510 Unrecognized command \"" + words[0] + "\"");
        }
        return true;
    }

    private static final List<String> KEYWORDS_BEFORE_POW =
            List.of("Port", "Flags", "MaxStreams", "ClientAuth", "ClientAuthV3");

    private static String unknownKeyword(String[] words) {
        for (int i = 2; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            String key = eq < 0 ? words[i] : words[i].substring(0, eq);
            if (!KEYWORDS_BEFORE_POW.contains(key)) {
                return "512 Bad arguments to ADD_ONION: Unrecognized keyword argument \"" + key + "\"";
            }
        }
        return null;
    }

    private boolean authenticated(String given, Conn conn) {
        HexFormat hex = HexFormat.of();
        if (methods.contains("NULL")) {
            return true;
        }
        if (conn.expectedClientHash != null) {
            return given.equalsIgnoreCase(hex.formatHex(conn.expectedClientHash));
        }
        if (methods.contains("HASHEDPASSWORD")
                && given.equalsIgnoreCase(hex.formatHex(password.getBytes(StandardCharsets.UTF_8)))) {
            return true;
        }
        return methods.matches("(^|.*,)COOKIE(,.*|$)") && given.equalsIgnoreCase(hex.formatHex(cookie));
    }

    /** HMAC-SHA256 keyed with {@code key} over the concatenated parts (control-spec 3.24). */
    private static byte[] hmac(String key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            for (byte[] p : parts) {
                mac.update(p);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(Socket s, String... lines) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            b.append(l).append("\r\n");
        }
        synchronized (s) {
            OutputStream out = s.getOutputStream();
            out.write(b.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }
}
