package org.torchat.daemon.tor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The torrc of a tor we start ourselves. Tor is given {@code --defaults-torrc <empty file> -f <this file>}, so that
 * neither Debian's {@code /etc/tor/torrc} nor its defaults file apply.
 *
 * @param dataDirectory   tor's DataDirectory (0700, ours alone)
 * @param controlPortFile where tor writes {@code PORT=127.0.0.1:N} of the control port it chose
 * @param logFile         tor's notice log
 * @param ownerPid        our pid: tor exits when this process is gone ({@code __OwningControllerProcess})
 * @param socksPort       0 for a port of tor's choosing, else the port to try (to keep it across restarts)
 * @param extraLines      more torrc lines, appended as given (a private network's TestingTorNetwork and DirAuthority
 *                        lines, or a user's {@code UseBridges}); they may override the lines above
 */
public record Torrc(
        Path dataDirectory, Path controlPortFile, Path logFile, long ownerPid, int socksPort, List<String> extraLines) {

    public Torrc {
        extraLines = List.copyOf(extraLines);
        if (socksPort < 0 || socksPort > 65535) {
            throw new IllegalArgumentException("SOCKS port out of range: " + socksPort);
        }
        for (String line : extraLines) {
            if (line.contains("\n") || line.contains("\r")) {
                throw new IllegalArgumentException("a torrc line must not contain a line break: " + line);
            }
        }
    }

    /** The file's text. */
    public String text() {
        List<String> lines = new ArrayList<>();
        lines.add("# Written by torchatd each time it starts its own tor; edits are overwritten.");
        lines.add("DataDirectory " + quote(dataDirectory));
        // Loopback only. ExtendedErrors: onion-service failures come back as SOCKS codes 0xF0..0xF7.
        lines.add("SocksPort 127.0.0.1:" + (socksPort == 0 ? "auto" : Integer.toString(socksPort)) + " ExtendedErrors");
        lines.add("ControlPort 127.0.0.1:auto");
        lines.add("ControlPortWriteToFile " + quote(controlPortFile));
        lines.add("CookieAuthentication 1");
        lines.add("__OwningControllerProcess " + ownerPid);
        lines.add(hasWhitespace(logFile) ? "Log notice stdout" : "Log notice file " + logFile);
        // A client needs no GeoIP database; Debian's costs about 2 s CPU and 35 MB per tor.
        lines.add("GeoIPFile \"\"");
        lines.add("GeoIPv6File \"\"");
        lines.addAll(extraLines);
        return String.join("\n", lines) + "\n";
    }

    /** A path as one torrc value, quoted (tor's config parser takes C-style escapes inside quotes). */
    static String quote(Path path) {
        String p = path.toAbsolutePath().toString();
        if (p.contains("\n") || p.contains("\r")) {
            throw new IllegalArgumentException("a path for tor must not contain a line break: " + p);
        }
        return "\"" + p.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static boolean hasWhitespace(Path path) {
        return path.toAbsolutePath().toString().chars().anyMatch(Character::isWhitespace);
    }
}
