package org.torchat.daemon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Ports the kernel just handed out and released: free now, never a fixed number that could collide. A port is
 * handed out once per JVM: the kernel may give a released port again at once, and a daemon's control and peer
 * ports taken one after the other must differ.
 */
public final class FreePorts {
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private FreePorts() {}

    /**
     * A free port below the kernel's ephemeral range, for a daemon that is restarted on the same port: while it
     * is down, no outgoing connection can be handed that port as its local port and keep it from binding again.
     */
    public static int nextOutsideEphemeralRange() {
        int low = 32768;
        try {
            String range =
                    java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
            low = Integer.parseInt(range.strip().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            // not Linux: assume the IANA range 49152.. (and the Linux default above is lower still)
        }
        if (low <= 11_000) {
            return next();
        }
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 100; i++) {
            int port = random.nextInt(10_000, low);
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                // taken: try another
            }
        }
        return next();
    }

    public static int next() {
        while (true) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                s.setReuseAddress(true);
                if (HANDED_OUT.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
