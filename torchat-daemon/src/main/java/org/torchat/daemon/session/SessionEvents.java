package org.torchat.daemon.session;

/** What the delivery engine hears from sessions. Called on the session's reader thread: return quickly. */
public interface SessionEvents {
    /** {@code link} is now the session with its peer: what is queued can go. */
    void opened(SessionLink link);

    /** {@code link} ended; what was in flight on it is sent again on the next one. */
    void closed(SessionLink link);

    /** The peer stored our message {@code messageId}. */
    void acknowledged(SessionLink link, String messageId);

    /** The peer did not store our message {@code messageId} (a cap, a clock); it is tried again later. */
    void refused(SessionLink link, String messageId, String reason);
}
