package org.torchat.daemon.config;

import java.time.Duration;

/**
 * Sessions and presence (docs/PROTOCOL.md, "Sessions"; docs/CONFIGURATION.md).
 *
 * @param enabled         open and accept sessions with contacts' daemons (off: one-shot frames only, as protocol 1)
 * @param heartbeat       each side sends a frame at least this often; a session silent for three of these is dead
 * @param connectParallel session attempts under way at once (each may build a Tor circuit)
 * @param connectPace     the pause between starting two attempts, so 500 contacts do not open 500 circuits at once
 * @param appearOffline   send no presence; open sessions only when there is something to deliver
 * @param awayAfter       we are away after this long without activity at a client (zero: never away)
 * @param frameRate       frames a second a contact may send inside its session, sustained (twice that at once);
 *                        beyond, its session is read more slowly, so one contact takes a bounded share of the CPU
 */
public record SessionSettings(
        boolean enabled,
        Duration heartbeat,
        int connectParallel,
        Duration connectPace,
        boolean appearOffline,
        Duration awayAfter,
        int frameRate) {
    public static final SessionSettings DEFAULTS = new SessionSettings(
            true, Duration.ofSeconds(30), 4, Duration.ofMillis(250), false, Duration.ofMinutes(10), 3000);

    /** How long a session may stay silent before it is taken for dead. */
    public Duration deadAfter() {
        return heartbeat.multipliedBy(3);
    }
}
