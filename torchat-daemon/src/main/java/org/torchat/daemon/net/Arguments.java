package org.torchat.daemon.net;

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
}
