package org.torchat.daemon.net;

import java.io.IOException;
import org.torchat.protocol.Message;

/** Carries out one command. A {@link RequestException} becomes an ERR reply; the daemon stays up either way. */
@FunctionalInterface
public interface CommandHandler {
    void handle(Message request, ReplySink replies) throws RequestException, IOException;
}
