package org.torchat.daemon.net;

import java.io.IOException;
import org.torchat.protocol.Message;

/**
 * Carries out a command that goes on for many frames on one connection: a file's chunks follow its offer, so that a
 * transfer needs one connection (one Tor circuit stream) rather than one per chunk. A {@link RequestException}
 * becomes an ERR reply and ends the connection.
 */
@FunctionalInterface
public interface StreamingHandler {
    void handle(Message first, FrameSource more, ReplySink replies) throws RequestException, IOException;
}
