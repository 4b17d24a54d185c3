package org.torchat.daemon.config;

/** TCP port numbers as users write them. */
public final class Ports {
    private Ports() {}

    public static int parse(String text) {
        int port;
        try {
            port = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a port number");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }
        return port;
    }
}
