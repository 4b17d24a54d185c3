package org.torchat.daemon;

import sun.misc.Signal;

/**
 * SIGINT and SIGTERM ask the daemon to stop cleanly and exit 0. A plain shutdown hook would also run, but
 * the JVM would then exit with 130/143 instead of the 0 a clean stop deserves.
 */
final class ShutdownSignals {
    private ShutdownSignals() {}

    static void install(Runnable requestShutdown) {
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> requestShutdown.run());
        }
    }
}
