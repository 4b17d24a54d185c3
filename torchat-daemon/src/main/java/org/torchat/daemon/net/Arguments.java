package org.torchat.daemon.net;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.TextLimits;
import org.torchat.protocol.onion.InvalidOnionAddressException;
import org.torchat.protocol.onion.OnionAddress;

/** Checks of request fields shared by several handlers; each failure names the field. */
public final class Arguments {
    private Arguments() {}

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

    /**
     * The optional {@code wait} of UPDATE and GET_PEERS: an integer number of milliseconds
     * 0..{@link Extensions#MAX_WAIT_MILLIS}; absent means 0 (answer at once).
     */
    public static Duration waitTime(Message request) throws RequestException {
        JsonNode node = request.extension(Extensions.WAIT).orElse(null);
        if (node == null || node.isNull()) {
            return Duration.ZERO;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new RequestException("field '" + Extensions.WAIT + "' must be an integer number of milliseconds 0.."
                    + Extensions.MAX_WAIT_MILLIS + ", got " + abbreviate(node.toString()));
        }
        long millis = node.longValue();
        if (millis < 0 || millis > Extensions.MAX_WAIT_MILLIS) {
            throw new RequestException("field '" + Extensions.WAIT + "' must be 0.." + Extensions.MAX_WAIT_MILLIS
                    + " milliseconds, got " + millis);
        }
        return Duration.ofMillis(millis);
    }

    private static String abbreviate(String text) {
        return text.length() <= 20 ? text : text.substring(0, 17) + "...";
    }
}
