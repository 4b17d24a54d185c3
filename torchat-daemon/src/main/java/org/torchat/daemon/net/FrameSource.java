package org.torchat.daemon.net;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.torchat.protocol.Message;

/**
 * The frames that follow a streaming command on the same connection (FILEUP from a client, FILEBEGIN from a peer).
 * Each frame has the listener's {@code readtimeout} to arrive; a bad frame is a {@link RequestException}.
 */
@FunctionalInterface
public interface FrameSource {
    /** No further frames: what a one-request connection offers. */
    FrameSource NONE = Optional::empty;

    /** The next frame, or empty when the other side closed its end. */
    Optional<Message> next() throws IOException, RequestException;

    /**
     * The next frame, waiting up to {@code deadline} for it instead of the listener's {@code readtimeout}: a session
     * is idle between heartbeats. Sources that cannot wait longer answer as {@link #next()}.
     */
    default Optional<Message> next(Duration deadline) throws IOException, RequestException {
        return next();
    }

    /** Whether bytes of a next frame have arrived already (false when a source cannot tell). */
    default boolean ready() {
        return false;
    }

    /** Ends the connection now, from any thread (a session replaced by another); a read under way fails. */
    default void close() {}
}
