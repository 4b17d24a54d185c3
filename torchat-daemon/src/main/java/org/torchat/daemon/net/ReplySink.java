package org.torchat.daemon.net;

import java.io.IOException;
import org.torchat.protocol.Message;

/** Where a handler writes its reply frames, in order. */
@FunctionalInterface
public interface ReplySink {
    void send(Message reply) throws IOException;
}
