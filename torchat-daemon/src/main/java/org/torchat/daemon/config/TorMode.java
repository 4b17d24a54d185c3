package org.torchat.daemon.config;

import java.util.Locale;

/** How the daemon reaches Tor (torchat.conf {@code tor:}). */
public enum TorMode {
    /** MANAGED when a tor binary is installed, else NONE with the configured SOCKS port. */
    AUTO,
    /** Start our own tor as a child process and publish the onion service through it. */
    MANAGED,
    /** Use a tor the user runs, through its control port ({@code torcontrol}). */
    EXTERNAL,
    /** Only a SOCKS port: messages go out, nothing is published (development and tests). */
    NONE;

    static TorMode parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + value + "' is not one of auto, managed, external, none");
        }
    }
}
