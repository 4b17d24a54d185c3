package org.torchat.daemon.net;

import org.torchat.protocol.TextLimits;
import org.torchat.protocol.onion.InvalidOnionAddressException;
import org.torchat.protocol.onion.OnionAddress;

/** Checks of request fields shared by several handlers; each failure names the field. */
public final class Arguments {
    private Arguments() {
    }

    public static OnionAddress onion(String text, String field) throws RequestException {
        try {
            return OnionAddress.parse(text);
        } catch (InvalidOnionAddressException e) {
            throw new RequestException("field '" + field + "': " + e.getMessage());
        }
    }

    public static int tcpPort(int port, String field) throws RequestException {
        if (port < 1 || port > 65535) {
            throw new RequestException("field '" + field + "' must be a port number 1..65535, got " + port);
        }
        return port;
    }

    /** A message text: not empty, and short enough for every frame that will carry it. */
    public static String text(String text, String field) throws RequestException {
        if (text.isEmpty()) {
            throw new RequestException("field '" + field + "' is empty: there is no message");
        }
        int bytes = TextLimits.encodedBytes(text);
        if (bytes > TextLimits.MAX_ENCODED_BYTES) {
            throw new RequestException("message too long: " + bytes + " bytes as JSON, the maximum is "
                    + TextLimits.MAX_ENCODED_BYTES + "; split it into several messages");
        }
        return text;
    }
}
