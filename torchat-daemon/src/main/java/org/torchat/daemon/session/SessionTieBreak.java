package org.torchat.daemon.session;

import java.time.Duration;

/**
 * Which of two sessions with the same peer survives. Both daemons decide alone, from what both know, so they keep
 * the same one: when the two were established within {@link #WINDOW} of each other (both sides dialled at once),
 * the session opened by the smaller address; otherwise the newer one, since a peer only dials again when it has
 * lost the old session (it restarted, or the stream died on its side first).
 */
final class SessionTieBreak {
    /** Far more than the few seconds between two handshakes that cross, far less than a restart takes. */
    static final Duration WINDOW = Duration.ofSeconds(10);

    private SessionTieBreak() {}

    /** Whether {@code candidate} replaces {@code existing}. */
    static boolean replaces(SessionLink existing, SessionLink candidate) {
        Duration apart = Duration.between(existing.established(), candidate.established())
                .abs();
        if (apart.compareTo(WINDOW) > 0) {
            return candidate.established().isAfter(existing.established());
        }
        return candidate.initiator().hostname().compareTo(existing.initiator().hostname()) < 0;
    }
}
