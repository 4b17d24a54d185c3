package org.torchat.daemon.session;

import java.io.IOException;
import org.torchat.protocol.Command;
import org.torchat.protocol.Message;
import org.torchat.protocol.session.SessionException;

/**
 * Frames of another feature carried inside sessions (groups): it hears sessions open and close and acts on the
 * frames it {@link #carries}. Called on the session's reader thread: return quickly, and write only to that link.
 */
public interface SessionTraffic {
    boolean carries(Command cmd);

    void opened(SessionLink link);

    void closed(SessionLink link);

    /** @throws SessionException when the frame is malformed or forged: the session ends */
    void handle(SessionLink link, Message frame) throws IOException, SessionException;
}
