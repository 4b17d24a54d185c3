package org.torchat.daemon.testing;

import org.torchat.protocol.Message;

/**
 * A session opened by hand with a real daemon, as a peer's daemon would (the handshake as {@code self}): frames
 * sent through it get the session's MAC, so tests can send what no daemon of ours would (forged, flooded, out of
 * order) and see what the daemon does.
 */
public final class RawSession implements AutoCloseable {
    private final java.net.Socket socket;
    private final org.torchat.protocol.FrameReader in;
    private final org.torchat.protocol.FrameWriter out;
    private final org.torchat.protocol.session.FrameAuthenticator frames;

    private RawSession(
            java.net.Socket socket,
            org.torchat.protocol.FrameReader in,
            org.torchat.protocol.FrameWriter out,
            org.torchat.protocol.session.FrameAuthenticator frames) {
        this.socket = socket;
        this.in = in;
        this.out = out;
        this.frames = frames;
    }

    public static RawSession open(org.torchat.protocol.identity.Ed25519Identity self, TestDaemon to) throws Exception {
        java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), to.peerPort());
        s.setSoTimeout(5000);
        org.torchat.protocol.FrameReader in = new org.torchat.protocol.FrameReader(s.getInputStream());
        org.torchat.protocol.FrameWriter out = new org.torchat.protocol.FrameWriter(s.getOutputStream());
        var handshake = new org.torchat.protocol.session.SessionHandshake.Initiator(self, to.address(), 80);
        out.write(org.torchat.protocol.MessageCodec.encode(handshake.hello()));
        out.write(org.torchat.protocol.MessageCodec.encode(handshake.proof(
                org.torchat.protocol.MessageCodec.decode(in.read().orElseThrow()))));
        var keys = handshake.keys(
                org.torchat.protocol.MessageCodec.decode(in.read().orElseThrow()));
        return new RawSession(s, in, out, keys.authenticator());
    }

    public void send(Message frame) throws Exception {
        out.write(org.torchat.protocol.MessageCodec.encode(frames.seal(frame)));
    }

    /** The next frame, skipping heartbeats and presence, as its JSON (MAC not checked). */
    public String receive() throws Exception {
        return next().orElseThrow();
    }

    /** As {@link #receive}, but empty once the daemon has closed the session. */
    public java.util.Optional<String> next() throws Exception {
        while (true) {
            java.util.Optional<String> frame = in.read();
            if (frame.isEmpty()) {
                return frame;
            }
            if (!frame.get().contains("\"cmd\":\"PRESENCE\"")
                    && !(frame.get().contains("\"cmd\":\"PING\"")
                            && !frame.get().contains("\"echoed\""))) {
                return frame;
            }
        }
    }

    /** The next frame of command {@code cmd}, skipping all others. */
    public String receive(org.torchat.protocol.Command cmd) throws Exception {
        while (true) {
            String frame = receive();
            if (frame.contains("\"cmd\":\"" + cmd.name() + "\"")) {
                return frame;
            }
        }
    }

    @Override
    public void close() throws java.io.IOException {
        socket.close();
    }
}
