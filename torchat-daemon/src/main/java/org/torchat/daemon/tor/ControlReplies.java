package org.torchat.daemon.tor;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Parsing of the small things tor tells us: listener addresses, the control-port file, error replies. */
final class ControlReplies {
    private ControlReplies() {}

    /**
     * The TCP listeners of {@code GETINFO net/listeners/socks}: a space-separated list of quoted
     * {@code "127.0.0.1:9050"}, {@code "[::1]:9050"} or {@code "unix:/path"} (skipped).
     */
    static List<InetSocketAddress> listeners(String value) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String item : ControlLine.quotedList(value)) {
            hostPort(item).ifPresent(out::add);
        }
        return out;
    }

    /** {@code 127.0.0.1:9050} or {@code [::1]:9050}; empty for anything else (a Unix socket). */
    static Optional<InetSocketAddress> hostPort(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || text.startsWith("unix:")) {
            return Optional.empty();
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (port < 1 || port > 65535 || !isIpLiteral(host)) {
            return Optional.empty();
        }
        // A literal: InetSocketAddress parses it without any name lookup.
        return Optional.of(new InetSocketAddress(host, port));
    }

    private static boolean isIpLiteral(String host) {
        return host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || (host.contains(":") && host.matches("[0-9A-Fa-f:.]+"));
    }

    /**
     * The control address in the file {@code ControlPortWriteToFile} makes tor write: {@code PORT=127.0.0.1:41234}.
     */
    static Optional<InetSocketAddress> controlPortFile(String content) {
        for (String line : content.split("\n")) {
            String l = line.strip();
            if (l.startsWith("PORT=")) {
                return hostPort(l.substring("PORT=".length()));
            }
        }
        return Optional.empty();
    }

    /** jtorctl's {@code "Error reply: <text>"} without its prefix. */
    static String errorText(Exception e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.startsWith("Error reply: ") ? m.substring("Error reply: ".length()) : m;
    }

    /** What to do about an ADD_ONION refusal. */
    static String addOnionAdvice(String reply) {
        String r = reply == null ? "" : reply.toLowerCase(Locale.ROOT);
        if (r.contains("collision")) {
            return "; this tor already serves our address (another torchatd with the same identity, or a "
                    + "HiddenServiceDir with our key?)";
        }
        if (r.contains("unrecognized command") || r.contains("unknown command")) {
            return "; this tor is too old for ADD_ONION ED25519-V3: install tor 0.3.5 or newer";
        }
        return "";
    }

    /**
     * Whether an ADD_ONION refusal is about the proof-of-work arguments: a tor before 0.4.9 answers
     * {@code 512 Bad arguments to ADD_ONION: Unrecognized keyword argument "PoWDefensesEnabled"}.
     */
    static boolean refusesPow(String reply) {
        return reply != null && reply.contains("PoW");
    }

    static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
