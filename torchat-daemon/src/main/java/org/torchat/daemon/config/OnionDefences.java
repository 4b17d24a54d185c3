package org.torchat.daemon.config;

import java.util.Locale;

/**
 * Tor's own defences for our onion service, asked for in ADD_ONION (torchat.conf {@code powdefense},
 * {@code powqueuerate}, {@code powqueueburst}, {@code maxstreams}; docs/CONFIGURATION.md says why the defaults).
 *
 * @param pow          whether to ask for the proof-of-work defence
 * @param powQueueRate introductions per second tor takes from its PoW priority queue ({@code PoWQueueRate})
 * @param powQueueBurst how many it may take at once ({@code PoWQueueBurst}); at least the rate, as tor requires
 * @param maxStreams   open streams one rendezvous circuit may carry, beyond which tor closes the circuit
 *                     ({@code MaxStreams} with {@code MaxStreamsCloseCircuit}); 0: no limit
 */
public record OnionDefences(PowDefense pow, int powQueueRate, int powQueueBurst, int maxStreams) {
    /**
     * 20 introductions a second (burst 200): a messenger needs a few new circuits a second, not the 250 tor's
     * default is sized for, and a lower rate makes the puzzle harder sooner when flooded. 16 streams: one of our
     * peers opens one stream per message or file at a time, a handful at most.
     */
    public static final OnionDefences DEFAULTS = new OnionDefences(PowDefense.AUTO, 20, 200, 16);

    public OnionDefences {
        if (pow == null) {
            throw new IllegalArgumentException("powdefense is required");
        }
        if (powQueueRate < 1 || powQueueRate > 1_000_000) {
            throw new IllegalArgumentException("powqueuerate " + powQueueRate + " is out of range 1..1000000");
        }
        if (powQueueBurst < powQueueRate || powQueueBurst > 10_000_000) {
            throw new IllegalArgumentException("powqueueburst " + powQueueBurst + " must be at least powqueuerate ("
                    + powQueueRate + ") and at most 10000000");
        }
        if (maxStreams < 0 || maxStreams > 65535) {
            throw new IllegalArgumentException("maxstreams " + maxStreams + " is out of range 0..65535");
        }
    }

    /** {@code powdefense:} auto (where tor supports it), on (or refuse to publish), off. */
    public enum PowDefense {
        /** Ask for it; if this tor is too old for it, publish without it and say so. */
        AUTO,
        /** Ask for it; if this tor cannot, refuse to publish (the daemon does not start). */
        ON,
        /** Never ask for it. */
        OFF;

        static PowDefense parse(String value) {
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + value + "' is not one of auto, on, off");
            }
        }
    }
}
