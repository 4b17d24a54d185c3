package org.torchat.daemon.tor;

import java.util.Locale;
import org.torchat.daemon.config.OnionDefences;

/**
 * The defences tor accepted for our onion service with its ADD_ONION: what STATUS shows and the log says.
 *
 * @param pow           whether the proof-of-work defence is on, and if not, why
 * @param powQueueRate  the queue rate tor took ({@code 0} when PoW is not on)
 * @param powQueueBurst the queue burst tor took ({@code 0} when PoW is not on)
 * @param maxStreams    open streams per rendezvous circuit before tor closes it; {@code 0}: no limit
 */
public record AppliedDefences(Pow pow, int powQueueRate, int powQueueBurst, int maxStreams) {

    /** The proof-of-work defence as published. */
    public enum Pow {
        /** Tor accepted {@code PoWDefensesEnabled=1}. */
        ON,
        /** {@code powdefense: off}: not asked for. */
        OFF,
        /** Asked for, but this tor refused the arguments (older than 0.4.9): published without it. */
        UNSUPPORTED;

        /** {@code on}, {@code off}, {@code unsupported}: the STATUS value. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static AppliedDefences withPow(OnionDefences asked) {
        return new AppliedDefences(Pow.ON, asked.powQueueRate(), asked.powQueueBurst(), asked.maxStreams());
    }

    static AppliedDefences withoutPow(OnionDefences asked, Pow why) {
        return new AppliedDefences(why, 0, 0, asked.maxStreams());
    }

    /** One phrase for the log and for people, e.g. {@code proof of work on (queue 20/s, burst 200), ...}. */
    public String describe() {
        String p = switch (pow) {
            case ON -> "proof of work on (queue " + powQueueRate + "/s, burst " + powQueueBurst + ")";
            case OFF -> "proof of work off (powdefense: off)";
            case UNSUPPORTED -> "proof of work unavailable (this tor is too old for it)";
        };
        String s = maxStreams == 0
                ? "no limit on streams per rendezvous circuit"
                : "at most " + maxStreams + " streams per rendezvous circuit (more close it)";
        return p + ", " + s;
    }
}
