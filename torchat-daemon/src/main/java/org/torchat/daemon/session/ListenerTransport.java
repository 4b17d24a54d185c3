package org.torchat.daemon.session;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.torchat.daemon.net.FrameSource;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.protocol.Message;

/** A session a contact opened: the peer listener's connection, handed over by {@link SessionHandler}. */
final class ListenerTransport implements SessionTransport {
    private final FrameSource frames;
    private final ReplySink replies;

    ListenerTransport(FrameSource frames, ReplySink replies) {
        this.frames = frames;
        this.replies = replies;
    }

    @Override
    public Optional<Message> next(Duration deadline) throws IOException {
        try {
            return frames.next(deadline);
        } catch (RequestException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void send(Message frame) throws IOException {
        replies.send(frame);
    }

    @Override
    public boolean ready() {
        return frames.ready();
    }

    @Override
    public void close() {
        frames.close();
    }
}
