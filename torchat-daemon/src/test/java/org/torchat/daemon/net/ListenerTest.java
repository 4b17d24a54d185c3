package org.torchat.daemon.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.torchat.daemon.control.HostHandler;
import org.torchat.protocol.Command;
import org.torchat.protocol.FrameReader;
import org.torchat.protocol.FrameWriter;
import org.torchat.protocol.Message;
import org.torchat.protocol.MessageCodec;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;

/** A real listener on a loopback port: connections that hold a slot without sending cannot shut others out. */
class ListenerTest {
    private static final OnionAddress SELF = Ed25519Identity.generate().onionAddress();
    private static final int SLOTS = 4;

    private final Listener listener;
    private final List<Socket> idle = new ArrayList<>();

    ListenerTest() throws IOException {
        listener = Listener.bind("test", InetAddress.getLoopbackAddress(), 0, 50, SLOTS, Duration.ofSeconds(30));
        Dispatcher dispatcher = new Dispatcher(Map.of(Command.HOST, new HostHandler(SELF)), c -> c + " not here");
        listener.start(new ConnectionProcessor("test", dispatcher, SELF, 9999));
    }

    @AfterEach
    void close() throws IOException {
        for (Socket s : idle) {
            s.close();
        }
        listener.close(Duration.ofSeconds(1));
    }

    private Message host() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), listener.port())) {
            s.setSoTimeout(5000);
            new FrameWriter(s.getOutputStream())
                    .write(MessageCodec.encode(Message.of(Command.HOST, "localhost", 1, "")));
            return MessageCodec.decode(
                    new FrameReader(s.getInputStream(), 9999).read().orElseThrow());
        }
    }

    /** What the listener wrote before closing the connection; fails if it stays open. */
    private static String readUntilClosed(Socket s) throws IOException {
        s.setSoTimeout(2000);
        InputStream in = s.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void idleConnectionsMakeRoomForOneThatSendsItsRequest() throws Exception {
        for (int i = 0; i < SLOTS; i++) {
            idle.add(new Socket(InetAddress.getLoopbackAddress(), listener.port()));
        }
        Thread.sleep(200); // all slots taken by connections that send nothing

        for (int i = 0; i < 10; i++) {
            Message reply = host();
            assertEquals(Command.HOST, reply.cmd(), reply.toString());
            assertEquals(SELF.hostname(), reply.msg());
        }
        String evicted = readUntilClosed(idle.get(0));
        assertTrue(
                evicted.contains("ERR") && evicted.contains("no complete frame before the read deadline"),
                "the oldest idle connection is told why and closed to make room: " + evicted);
    }

    @Test
    void aFloodOfIdleConnectionsStillLetsRequestsThrough() throws Exception {
        int served = 0;
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < 3; i++) {
                idle.add(new Socket(InetAddress.getLoopbackAddress(), listener.port()));
            }
            if (host().cmd() == Command.HOST) {
                served++;
            }
        }
        assertEquals(20, served, "every request was answered although idle connections kept arriving");
    }
}
