package org.torchat.daemon.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.torchat.daemon.delivery.PeerFrames;
import org.torchat.protocol.Command;
import org.torchat.protocol.FrameException;
import org.torchat.protocol.FrameReader;
import org.torchat.protocol.Message;
import org.torchat.protocol.MessageCodec;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;

/**
 * What a hostile stranger with a script sends to a daemon's peer port: RECVs from made-up addresses, every other one
 * unsigned, the rest signed with throwaway keys, each on its own connection as Tor would bring it. It counts how the
 * daemon answered, by the first words of the reply. Shared by AbuseIT and the flood benchmark.
 */
public final class StrangerFlood {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int peerPort;
    private final OnionAddress target;
    private final String text;
    private final List<Ed25519Identity> keys;
    private final AtomicLong sent = new AtomicLong();
    private final Map<String, AtomicLong> answers = new ConcurrentHashMap<>();

    /** {@code keyPool} throwaway keys are made up front: signing must not be what limits the flood's rate. */
    public StrangerFlood(int peerPort, OnionAddress target, int textBytes, int keyPool) {
        this.peerPort = peerPort;
        this.target = target;
        this.text = "x".repeat(textBytes);
        this.keys = new ArrayList<>(keyPool);
        for (int i = 0; i < keyPool; i++) {
            keys.add(Ed25519Identity.generate());
        }
    }

    /** Sends one frame and reads the answer; returns its kind ("END", "ERR too many messages", ...). */
    public String sendOne() {
        long n = sent.incrementAndGet();
        Message frame = n % 2 == 0 ? signed((int) (n / 2 % keys.size()), n) : unsigned(n);
        String kind;
        try {
            kind = kind(exchange(MessageCodec.encode(frame)));
        } catch (IOException e) {
            kind = "connection failed";
        }
        answers.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        return kind;
    }

    public long sent() {
        return sent.get();
    }

    /** How many answers of each kind so far. */
    public Map<String, Long> answers() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        answers.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    private Message signed(int key, long n) {
        return PeerFrames.recv(
                keys.get(key),
                target,
                80,
                text + n,
                "Thu Jan  1 00:00:00 1970",
                "flood" + Long.toHexString(RANDOM.nextLong()) + n,
                System.currentTimeMillis());
    }

    private Message unsigned(long n) {
        byte[] made = new byte[32];
        RANDOM.nextBytes(made);
        return Message.of(Command.RECV, OnionAddress.fromPublicKey(made).hostname(), 80, text + n);
    }

    private String exchange(String json) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), peerPort)) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(Wire.frame(json));
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            return new FrameReader(in, 9999).read().orElse("");
        } catch (FrameException e) {
            return "";
        }
    }

    private static String kind(String reply) {
        if (reply.isEmpty()) {
            return "no answer";
        }
        try {
            Message m = MessageCodec.decode(reply);
            if (m.cmd() != Command.ERR) {
                return m.cmd().name();
            }
            String[] words = m.msg().split("[ :,;]+");
            return "ERR " + String.join(" ", List.of(words).subList(0, Math.min(3, words.length)));
        } catch (Exception e) {
            return "unreadable answer";
        }
    }
}
