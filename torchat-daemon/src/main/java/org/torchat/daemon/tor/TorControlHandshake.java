package org.torchat.daemon.tor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates a fresh control connection, before jtorctl reads from it: {@code PROTOCOLINFO}, then SAFECOOKIE
 * ({@code AUTHCHALLENGE}, checking tor's server hash, then {@code AUTHENTICATE} with our hash) or a password the
 * user chose. Whatever answers on the port must prove that it is tor before we send it anything secret: it gets
 * neither the cookie (SAFECOOKIE never sends it), nor our identity key (ADD_ONION comes only after this). A port
 * that asks for no authentication ({@code METHODS=NULL}) or only for the plain cookie cannot prove anything and is
 * refused. Reads byte by byte so that nothing is buffered past a reply: jtorctl takes the stream over afterwards.
 */
final class TorControlHandshake {
    private static final Logger LOG = LoggerFactory.getLogger(TorControlHandshake.class);
    private static final int COOKIE_LENGTH = 32;
    private static final int MAX_LINE = 4096;
    private static final int MAX_REPLY_LINES = 100;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private final InputStream in;
    private final OutputStream out;
    private final String endpoint;

    TorControlHandshake(InputStream in, OutputStream out, String endpoint) {
        this.in = in;
        this.out = out;
        this.endpoint = endpoint;
    }

    /**
     * Asks PROTOCOLINFO and authenticates as {@code auth} says.
     *
     * @return tor's PROTOCOLINFO answer (its version, for the log)
     * @throws TorException the port is not a tor, could not prove it is the tor owning the cookie, or refused us
     */
    ProtocolInfo authenticate(TorAuthentication auth) throws IOException, TorException {
        ProtocolInfo info = protocolInfo();
        if (auth instanceof TorAuthentication.Password p) {
            password(p, info);
        } else if (auth instanceof TorAuthentication.Cookie c) {
            safeCookie(c.file(), info);
        } else {
            safeCookie(offeredCookie(info), info);
        }
        return info;
    }

    /** Sends {@code PROTOCOLINFO 1}, the one command tor answers before authentication. */
    ProtocolInfo protocolInfo() throws IOException, TorException {
        send("PROTOCOLINFO 1");
        return ProtocolInfo.parse(readReply("PROTOCOLINFO"));
    }

    /** The cookie file tor names in PROTOCOLINFO; refuses a port that offers nothing able to prove it is tor. */
    private Path offeredCookie(ProtocolInfo info) throws TorException {
        if (info.methods().contains("SAFECOOKIE") && info.cookieFile() != null) {
            LOG.info(
                    "authenticating to tor on {} with the cookie it names, {} (set torcookie to pin the file)",
                    endpoint,
                    info.cookieFile());
            return Path.of(info.cookieFile());
        }
        if (info.methods().contains("HASHEDPASSWORD")) {
            throw new TorException("tor on control port " + endpoint + " wants a password: pass it with "
                    + "torpassword (or $TORCHAT_TOR_PASSWORD), or enable CookieAuthentication 1 in its torrc");
        }
        throw cannotProve(info);
    }

    private void password(TorAuthentication.Password p, ProtocolInfo info) throws IOException, TorException {
        if (!info.methods().contains("HASHEDPASSWORD")) {
            // A port that does not ask for the password must not learn it (a tor with a password always asks).
            throw new TorException("the control port " + endpoint + " does not ask for a password (it offers "
                    + String.join(",", info.methods()) + "), so torchatd does not send it one"
                    + (info.methods().contains("SAFECOOKIE") ? "; use its cookie: torcookie FILE" : ""));
        }
        String reply =
                command("AUTHENTICATE " + HEX.formatHex(p.password().getBytes(StandardCharsets.UTF_8)), "AUTHENTICATE");
        if (!reply.startsWith("250")) {
            throw new TorException("tor on control port " + endpoint + " refused our authentication (password): "
                    + text(reply) + "; check the control password (HashedControlPassword in tor's torrc)");
        }
    }

    private void safeCookie(Path file, ProtocolInfo info) throws IOException, TorException {
        if (!info.methods().contains("SAFECOOKIE")) {
            throw cannotProve(info);
        }
        byte[] cookie = readCookie(file);
        byte[] clientNonce = new byte[SafeCookie.NONCE_LENGTH];
        RANDOM.nextBytes(clientNonce);
        String challenge = command("AUTHCHALLENGE SAFECOOKIE " + HEX.formatHex(clientNonce), "AUTHCHALLENGE");
        if (!challenge.startsWith("250 AUTHCHALLENGE ")) {
            throw new TorException("the control port " + endpoint + " did not take AUTHCHALLENGE SAFECOOKIE: "
                    + ControlReplies.abbreviate(challenge) + " (is it really a tor control port?)");
        }
        ControlLine line = ControlLine.parse(challenge.substring(4));
        byte[] serverHash = hex(line.keywords().get("SERVERHASH"), "SERVERHASH");
        byte[] serverNonce = hex(line.keywords().get("SERVERNONCE"), "SERVERNONCE");
        if (!SafeCookie.serverProved(serverHash, cookie, clientNonce, serverNonce)) {
            throw new TorException("the control port " + endpoint + " could not prove that it knows the cookie in "
                    + file + " (its SAFECOOKIE server hash is wrong): either that file is not the cookie of the tor "
                    + "on this port, or this port is not tor. torchatd sent it nothing secret, and will not publish "
                    + "our onion service through it");
        }
        String reply = command(
                "AUTHENTICATE " + HEX.formatHex(SafeCookie.clientHash(cookie, clientNonce, serverNonce)),
                "AUTHENTICATE");
        if (!reply.startsWith("250")) {
            throw new TorException("tor on control port " + endpoint + " refused our authentication (cookie " + file
                    + "): " + text(reply));
        }
    }

    private TorException cannotProve(ProtocolInfo info) {
        String offered = String.join(",", info.methods());
        String why = info.methods().contains("NULL")
                ? "asks for no authentication (METHODS=" + offered + "), so anyone could be answering on it"
                : "offers no SAFECOOKIE authentication (METHODS=" + offered + "), so it cannot prove that it is tor";
        return new TorException("the control port " + endpoint + " " + why + "; torchatd will not hand it our onion "
                + "identity key. Set 'CookieAuthentication 1' in that tor's torrc (tor/torrc does)");
    }

    private byte[] hex(String value, String what) throws TorException {
        try {
            byte[] bytes = value == null ? new byte[0] : HEX.parseHex(value);
            if (bytes.length == 32) {
                return bytes;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new TorException("the control port " + endpoint + " sent a malformed AUTHCHALLENGE reply (" + what
                + "): is it really a tor control port?");
    }

    static byte[] readCookie(Path file) throws TorException {
        byte[] cookie;
        try {
            cookie = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TorException(
                    "tor's control cookie " + file + " does not exist (is CookieAuthentication 1 set, "
                            + "and is it the cookie of this tor?)",
                    e);
        } catch (IOException e) {
            throw new TorException(
                    "cannot read tor's control cookie " + file + ": " + e.getMessage()
                            + " (torchatd's user needs read access, e.g. membership in tor's group with "
                            + "CookieAuthFileGroupReadable 1)",
                    e);
        }
        if (cookie.length != COOKIE_LENGTH) {
            throw new TorException("tor's control cookie " + file + " has " + cookie.length + " bytes, not "
                    + COOKIE_LENGTH + ": it is not a tor control cookie");
        }
        return cookie;
    }

    /** Sends one command and returns the last line of its reply (the only one, for these commands). */
    private String command(String line, String name) throws IOException, TorException {
        send(line);
        List<String> reply = readReply(name);
        return reply.get(reply.size() - 1);
    }

    private void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private List<String> readReply(String command) throws IOException, TorException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new TorException("tor's control port " + endpoint + " closed the connection during " + command
                        + (lines.isEmpty() ? " (is it really a tor control port?)" : ""));
            }
            if (line.length() < 4 || !Character.isDigit(line.charAt(0))) {
                throw new TorException(
                        endpoint + " is not a tor control port: it answered '" + ControlReplies.abbreviate(line) + "'");
            }
            lines.add(line);
            if (line.charAt(3) == ' ') {
                return lines;
            }
            if (lines.size() > MAX_REPLY_LINES) {
                throw new TorException(endpoint + " sent an endless " + command + " reply: is it a tor control port?");
            }
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("control reply line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
    }

    /** A reply line without its status code: {@code 515 Authentication failed} gives {@code Authentication failed}. */
    private static String text(String reply) {
        return ControlReplies.abbreviate(reply.length() > 4 ? reply.substring(4) : reply);
    }
}
