package org.torchat.daemon.control;

import java.io.IOException;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.Replies;
import org.torchat.daemon.net.ReplySink;
import org.torchat.protocol.Message;

/**
 * EXIT: answers END (the C daemon answered nothing, which a client cannot tell from a crash), then asks the
 * daemon to shut down cleanly.
 */
public final class ExitHandler implements CommandHandler {
    private final Runnable requestShutdown;

    public ExitHandler(Runnable requestShutdown) {
        this.requestShutdown = requestShutdown;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws IOException {
        replies.send(Replies.end(request.id(), request.portno(), ""));
        requestShutdown.run();
    }
}
