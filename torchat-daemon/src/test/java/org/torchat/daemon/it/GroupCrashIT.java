package org.torchat.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchat.daemon.testing.Await;
import org.torchat.daemon.testing.DaemonProcess;
import org.torchat.daemon.testing.TestSocks5Server;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.client.DaemonClient;

/**
 * Issue 16: kill -9 of group members during traffic, three daemon JVMs. A message whose GROUP_SEND was answered is
 * on its author's disk, and reaches every member exactly once, in its author's order, whoever was killed meanwhile.
 */
class GroupCrashIT {
    private static final Duration SOON = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private TestSocks5Server socks;
    private final List<DaemonProcess> daemons = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        daemons.forEach(DaemonProcess::close);
        if (socks != null) {
            socks.close();
        }
    }

    private DaemonProcess start(String name, Path conf) throws Exception {
        DaemonProcess d = new DaemonProcess(tmp, name, socks.address(), conf);
        d.start();
        socks.map(d.onion(), d.peerPort());
        daemons.add(d);
        return d;
    }

    private static void befriend(DaemonProcess a, DaemonProcess b) throws Exception {
        a.client().changeContact(Command.ADD_CONTACT, b.onion(), "");
        b.client().changeContact(Command.ADD_CONTACT, a.onion(), "");
    }

    private static String state(DaemonProcess d, String id) throws Exception {
        for (Message g : d.client().groups()) {
            if (g.id().equals(id)) {
                return g.extension(Extensions.STATE).orElseThrow().asText() + " "
                        + g.extension(Extensions.MEMBERS).orElseThrow().asInt();
            }
        }
        return "none";
    }

    /** The texts of {@code author}'s messages in the group as {@code d} holds them, in the order it stored them. */
    private static List<String> by(DaemonProcess d, String id, DaemonProcess author) throws Exception {
        return d.client().groupHistory(id, 1000).stream()
                .filter(m -> m.id().equals(author.onion()))
                .map(Message::msg)
                .toList();
    }

    private static List<String> append(List<String> list, String one) {
        List<String> more = new ArrayList<>(list);
        more.add(one);
        return more;
    }

    @Test
    void membersKilledDuringTrafficEndUpWithEveryAnsweredMessageOnceInOrder() throws Exception {
        socks = new TestSocks5Server();
        Path conf = Files.writeString(
                tmp.resolve("torchat.conf"),
                "retrydelay: 200\nheartbeat: 1000\nconnectpace: 0\nreadtimeout: 3000\nrecvrate: 6000\nrecvburst: 1000\n");
        DaemonProcess a = start("a", conf);
        DaemonProcess b = start("b", conf);
        DaemonProcess c = start("c", conf);
        befriend(a, b);
        befriend(a, c);
        String id = a.client().createGroup("crash");
        a.client().inviteToGroup(id, List.of(b.onion(), c.onion()));
        for (DaemonProcess m : List.of(b, c)) {
            Await.until(() -> m.client().groupInvites().stream().anyMatch(i -> i.id().equals(id)), x -> x, SOON);
            m.client().groupStep(Command.GROUP_JOIN, id);
        }
        for (DaemonProcess d : List.of(a, b, c)) {
            Await.until(() -> state(d, id), "member 3"::equals, SOON);
        }

        // b and a write; c is killed after b's 10th, b itself after its 25th (what it answered before is on disk).
        ExecutorService writers = Executors.newFixedThreadPool(2);
        List<String> fromA = new ArrayList<>();
        Future<?> aWrites = writers.submit(() -> {
            DaemonClient client = a.client();
            for (int i = 1; i <= 40; i++) {
                client.sendToGroup(id, "a " + i);
                fromA.add("a " + i);
                Thread.sleep(20);
            }
            return null;
        });
        // b is killed from another thread while it writes: the message in flight may or may not have been stored.
        List<String> fromB = java.util.Collections.synchronizedList(new ArrayList<>());
        DaemonClient bClient = b.client();
        Future<?> killer = writers.submit(() -> {
            Await.until(fromB::size, n -> n >= 10, SOON);
            c.kill();
            Await.until(fromB::size, n -> n >= 25, SOON);
            b.kill();
            return null;
        });
        try {
            for (int i = 1; i <= 1000; i++) {
                bClient.sendToGroup(id, "b " + i);
                fromB.add("b " + i);
                Thread.sleep(5);
            }
        } catch (java.io.IOException | org.torchat.protocol.client.DaemonErrorException e) {
            // killed: from here on b answers nothing
        }
        killer.get();
        aWrites.get();
        writers.shutdown();
        c.start();
        b.start();
        socks.map(b.onion(), b.peerPort());
        socks.map(c.onion(), c.peerPort());

        // What b stored before it died: every answered message, and perhaps the one in flight.
        List<String> stored = by(b, id, b);
        assertTrue(
                stored.equals(fromB) || stored.equals(append(fromB, "b " + (fromB.size() + 1))),
                "b kept what it answered: " + fromB.size() + " answered, " + stored.size() + " stored");
        for (DaemonProcess d : List.of(a, b, c)) {
            Await.until(() -> by(d, id, b), stored::equals, SOON);
            Await.until(() -> by(d, id, a), fromA::equals, SOON);
        }
        Thread.sleep(2000); // anything still on its way (a repeat) would be here now
        for (DaemonProcess d : List.of(a, b, c)) {
            assertEquals(stored, by(d, id, b), d.name() + ": b's messages once each, in order");
            assertEquals(fromA, by(d, id, a), d.name() + ": a's messages once each, in order");
            assertEquals(
                    stored.size() + fromA.size(),
                    d.client().groupHistory(id, 1000).size(),
                    d.name());
        }
        assertTrue(c.starts() == 2 && b.starts() == 2, "both were killed and restarted");
    }
}
