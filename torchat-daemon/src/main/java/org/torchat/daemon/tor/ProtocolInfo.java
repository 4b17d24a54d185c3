package org.torchat.daemon.tor;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Tor's answer to {@code PROTOCOLINFO 1}, the one command allowed before authentication:
 * <pre>
 * 250-PROTOCOLINFO 1
 * 250-AUTH METHODS=COOKIE,SAFECOOKIE COOKIEFILE="/var/lib/tor/control_auth_cookie"
 * 250-VERSION Tor="0.4.9.11"
 * 250 OK
 * </pre>
 *
 * @param methods    authentication methods tor accepts (NULL, HASHEDPASSWORD, COOKIE, SAFECOOKIE)
 * @param cookieFile the cookie file tor names, or {@code null}
 * @param torVersion tor's version, or {@code null}
 */
record ProtocolInfo(Set<String> methods, String cookieFile, String torVersion) {

    /** Parses the reply lines (with their {@code 250-}/{@code 250 } prefixes). */
    static ProtocolInfo parse(List<String> lines) throws TorException {
        Set<String> methods = new LinkedHashSet<>();
        String cookieFile = null;
        String version = null;
        for (String raw : lines) {
            if (raw.length() < 4 || !raw.startsWith("250")) {
                throw new TorException("tor refused PROTOCOLINFO: " + raw);
            }
            String body = raw.substring(4);
            ControlLine line = ControlLine.parse(body);
            if (line.positional().isEmpty()) {
                continue;
            }
            switch (line.positional().get(0)) {
                case "AUTH" -> {
                    String m = line.keywords().get("METHODS");
                    if (m != null) {
                        methods.addAll(Arrays.asList(m.split(",")));
                    }
                    cookieFile = line.keywords().get("COOKIEFILE");
                }
                case "VERSION" -> version = line.keywords().get("Tor");
                default -> {
                    // PROTOCOLINFO 1, OK, and lines a newer tor may add
                }
            }
        }
        if (methods.isEmpty()) {
            throw new TorException("this is not a tor control port: PROTOCOLINFO named no authentication method");
        }
        return new ProtocolInfo(Set.copyOf(methods), cookieFile, version);
    }
}
