package org.torchat.daemon.session;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import org.torchat.protocol.DeadlineInputStream;
import org.torchat.protocol.FrameException;
import org.torchat.protocol.FrameReader;
import org.torchat.protocol.FrameWriter;
import org.torchat.protocol.Message;
import org.torchat.protocol.MessageCodec;
import org.torchat.protocol.ProtocolException;

/** A session we opened: a Tor stream to the contact's onion service. */
final class SocketTransport implements SessionTransport {
    private final Socket socket;
    private final DeadlineInputStream in;
    private final FrameReader reader;
    private final FrameWriter writer;

    SocketTransport(Socket socket, Duration firstDeadline) throws IOException {
        this.socket = socket;
        this.in = new DeadlineInputStream(socket, firstDeadline);
        this.reader = new FrameReader(in);
        this.writer = new FrameWriter(socket.getOutputStream());
    }

    @Override
    public Optional<Message> next(Duration deadline) throws IOException {
        in.renew(deadline);
        try {
            Optional<String> payload = reader.read();
            return payload.isEmpty() ? Optional.empty() : Optional.of(MessageCodec.decode(payload.get()));
        } catch (ProtocolException e) {
            throw new IOException("unreadable frame: " + e.getMessage(), e);
        }
    }

    @Override
    public void send(Message frame) throws IOException {
        try {
            writer.write(MessageCodec.encode(frame));
        } catch (FrameException e) {
            // SEND refuses texts that would not fit; only a bug gets here
            throw new IllegalStateException("a session frame does not fit in a frame: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean ready() {
        try {
            return in.available() > 0;
        } catch (IOException e) {
            return false; // the next read says what is wrong
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing to end the session: nothing else to do
        }
    }
}
