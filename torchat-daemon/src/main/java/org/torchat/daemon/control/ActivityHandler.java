package org.torchat.daemon.control;

import java.io.IOException;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.Replies;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.session.SessionService;
import org.torchat.protocol.Message;

/**
 * ACTIVITY: the user did something at a client (the TUI sends it while they type, at most every few seconds), so
 * the daemon is not away. END carries what contacts see of us now in {@code msg}: online, away or offline (appear
 * offline).
 */
public final class ActivityHandler implements CommandHandler {
    private final SessionService sessions;

    public ActivityHandler(SessionService sessions) {
        this.sessions = sessions;
    }

    @Override
    public void handle(Message request, ReplySink replies) throws IOException {
        sessions.activity();
        replies.send(Replies.end(
                request.id(), request.portno(), sessions.ownPresence().wire()));
    }
}
