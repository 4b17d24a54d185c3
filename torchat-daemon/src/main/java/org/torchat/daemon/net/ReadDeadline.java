package org.torchat.daemon.net;

import java.time.Duration;

/** The read deadline of a connection's next frame: the listener's {@code readtimeout}, or longer for a session. */
public interface ReadDeadline {
    /** No deadline to move: streams without one (tests, pipes). */
    ReadDeadline NONE = new ReadDeadline() {
        @Override
        public void renew() {}

        @Override
        public void renew(Duration time) {}
    };

    /** The next frame has the usual budget. */
    void renew();

    /** The next frame has {@code time}. */
    void renew(Duration time);
}
