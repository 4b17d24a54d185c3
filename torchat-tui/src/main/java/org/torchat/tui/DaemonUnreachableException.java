package org.torchat.tui;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/** The daemon's control port could not be reached, or the connection to it failed before it answered. */
public final class DaemonUnreachableException extends TorchatException {
    public DaemonUnreachableException(String host, int port, IOException cause) {
        super(describe(host, port, cause), cause);
    }

    private static String describe(String host, int port, IOException cause) {
        String where = host + ":" + port;
        String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (cause instanceof UnknownHostException) {
            return "cannot reach the daemon at " + where + ": unknown host " + host;
        }
        if (cause instanceof ConnectException
                || cause instanceof NoRouteToHostException
                || cause instanceof SocketTimeoutException) {
            return "cannot reach the daemon at " + where + ": " + why
                    + " (is torchatd running? start it with bin/torchatd -d " + port + ")";
        }
        return "lost the connection to the daemon at " + where + ": " + why;
    }
}
