package org.torchat.daemon.session;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.torchat.protocol.Message;

/** The frames of one connection, whichever side opened it. */
interface SessionTransport {
    /** The next frame within {@code deadline}, or empty when the other side closed the connection. */
    Optional<Message> next(Duration deadline) throws IOException;

    void send(Message frame) throws IOException;

    /** Whether bytes of a next frame have arrived already, so that reading it will not wait for the network. */
    boolean ready();

    /** Ends the connection now, from any thread; a read under way fails. */
    void close();
}
