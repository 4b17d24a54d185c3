package org.torchat.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.torchat.daemon.testing.TestDaemon;
import org.torchat.daemon.testing.TestSocks5Server;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;

/**
 * Groups on loopback (issue 16), one group per size given: {@code n} daemons in this JVM, the first the creator and
 * every other's only contact, talking through a SOCKS5 relay that stands in for Tor and counts what it carries. For
 * each size it prints: the time from GROUP_SEND until every member has stored the message (messages written in turn
 * by every member, one at a time); the bytes relayed per byte of text, the sync included; the time an offline member
 * takes to get a message written while it was away, once it is started again (its author stopped meanwhile); and
 * what the group takes in the creator's store. Arguments: sizes (default 3,5,10), messages per size (default 30),
 * bytes of text per message (default 100).
 */
public final class GroupBench {
    /** Sync traffic settles within a relay delay and a GROUP_HAVE pace. */
    private static final long SETTLE_MILLIS = 5_000;

    private GroupBench() {}

    public static void main(String[] args) throws Exception {
        String[] sizes = (args.length > 0 ? args[0] : "3,5,10").split(",");
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int textBytes = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        for (String size : sizes) {
            run(Integer.parseInt(size), messages, textBytes);
        }
    }

    private static void run(int n, int messages, int textBytes) throws Exception {
        Path tmp = Files.createTempDirectory("torchat-groups");
        List<TestDaemon> members = new ArrayList<>();
        try (TestSocks5Server socks = new TestSocks5Server()) {
            for (int i = 0; i < n; i++) {
                members.add(start(tmp, "m" + i, socks));
            }
            TestDaemon creator = members.get(0);
            String id = formGroup(creator, members.subList(1, n));
            Thread.sleep(SETTLE_MILLIS);

            long bytes0 = socks.relayedBytes();
            double[] allStored = new double[messages];
            for (int k = 0; k < messages; k++) {
                TestDaemon author = members.get(k % n);
                String text = text(k, textBytes);
                long start = System.nanoTime();
                author.client().sendToGroup(id, text);
                for (TestDaemon m : members) {
                    awaitText(m, id, text, 60_000);
                }
                allStored[k] = (System.nanoTime() - start) / 1e6;
            }
            Thread.sleep(SETTLE_MILLIS);
            long relayed = socks.relayedBytes() - bytes0;
            System.out.printf(
                    Locale.ROOT,
                    "group of %d: send to stored at all members: %s%n",
                    n,
                    new Stats(allStored).describe("ms"));
            System.out.printf(
                    Locale.ROOT,
                    "group of %d: %d bytes relayed for %d messages of %d bytes: %.1f bytes on the wire per byte of "
                            + "text (%.1f per byte per other member)%n",
                    n,
                    relayed,
                    messages,
                    textBytes,
                    relayed / (double) (messages * textBytes),
                    relayed / (double) (messages * textBytes) / (n - 1));

            offlineMember(n, members, id, tmp, socks, textBytes);
            storage(n, members.get(0), id, tmp, messages + 1);
        } finally {
            for (TestDaemon d : members) {
                d.close();
            }
            TempFiles.deleteTree(tmp);
        }
    }

    /** The last member stops; the second writes and stops too; the last starts again and is timed to the message. */
    private static void offlineMember(
            int n, List<TestDaemon> members, String id, Path tmp, TestSocks5Server socks, int textBytes)
            throws Exception {
        TestDaemon away = members.get(n - 1);
        TestDaemon author = members.get(1);
        away.close();
        String text = "written while away " + text(0, textBytes);
        author.client().sendToGroup(id, text);
        awaitText(members.get(0), id, text, 60_000);
        author.close();
        Thread.sleep(SETTLE_MILLIS); // long after it was written: the relay delay is not what is measured
        long start = System.nanoTime();
        TestDaemon back = start(tmp, "m" + (n - 1), socks);
        long started = System.nanoTime();
        members.set(n - 1, back);
        awaitText(back, id, text, 120_000);
        System.out.printf(
                Locale.ROOT,
                "group of %d: offline member, author gone: the message %.0f ms after the member started again (%.0f ms "
                        + "after its daemon was up)%n",
                n,
                (System.nanoTime() - start) / 1e6,
                (System.nanoTime() - started) / 1e6);
        members.set(1, start(tmp, "m1", socks));
    }

    /** What the group's rows take in the creator's store: a copy without the group, vacuumed, against one with. */
    private static void storage(int n, TestDaemon creator, String id, Path tmp, int messages) throws Exception {
        creator.close();
        Path db = tmp.resolve("m0").resolve("torchat.db");
        Path with = tmp.resolve("with.db");
        Path without = tmp.resolve("without.db");
        vacuumInto(db, with, null);
        vacuumInto(db, without, id);
        long bytes = Files.size(with) - Files.size(without);
        System.out.printf(
                Locale.ROOT,
                "group of %d: the group takes %d bytes in the creator's store with %d messages (%.0f bytes a message, "
                        + "text and signature included)%n",
                n,
                bytes,
                messages,
                bytes / (double) messages);
    }

    private static void vacuumInto(Path db, Path copy, String dropGroup) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement()) {
            s.execute("VACUUM INTO '" + copy + "'");
        }
        if (dropGroup != null) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy);
                    Statement s = c.createStatement()) {
                s.execute("PRAGMA foreign_keys = ON");
                s.execute("DELETE FROM groups WHERE group_id = '" + dropGroup + "'");
                s.execute("VACUUM");
            }
        }
    }

    private static String formGroup(TestDaemon creator, List<TestDaemon> others) throws Exception {
        String id = creator.client().createGroup("bench");
        List<String> invited = new ArrayList<>();
        for (TestDaemon m : others) {
            creator.client().changeContact(Command.ADD_CONTACT, m.address().hostname(), "");
            m.client().changeContact(Command.ADD_CONTACT, creator.address().hostname(), "");
            invited.add(m.address().hostname());
        }
        creator.client().inviteToGroup(id, invited);
        for (TestDaemon m : others) {
            long deadline = System.currentTimeMillis() + 60_000;
            while (m.client().groupInvites().stream().noneMatch(g -> g.id().equals(id))) {
                check(deadline, "invitation");
                Thread.sleep(20);
            }
            m.client().groupStep(Command.GROUP_JOIN, id);
        }
        int size = others.size() + 1;
        for (TestDaemon m : others) {
            long deadline = System.currentTimeMillis() + 60_000;
            while (members(m, id) != size) {
                check(deadline, "roster");
                Thread.sleep(20);
            }
        }
        return id;
    }

    private static int members(TestDaemon d, String id) throws Exception {
        for (Message g : d.client().groups()) {
            if (g.id().equals(id)
                    && g.extension(Extensions.STATE).orElseThrow().asText().equals("member")) {
                return g.extension(Extensions.MEMBERS).orElseThrow().asInt();
            }
        }
        return 0;
    }

    private static void awaitText(TestDaemon d, String id, String text, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (d.client().groupHistory(id, 3).stream().noneMatch(m -> m.msg().equals(text))) {
            check(deadline, "a group message");
            Thread.sleep(2);
        }
    }

    private static void check(long deadline, String what) {
        if (System.currentTimeMillis() > deadline) {
            throw new IllegalStateException("timed out waiting for " + what);
        }
    }

    private static String text(int k, int bytes) {
        StringBuilder b = new StringBuilder("message " + k + " ");
        while (b.length() < bytes) {
            b.append('x');
        }
        return b.substring(0, bytes);
    }

    private static TestDaemon start(Path tmp, String name, TestSocks5Server socks) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        TestDaemon d = TestDaemon.start(dir, socks.address(), "connectpace: 0", "heartbeat: 30000");
        socks.map(d.address().hostname(), d.peerPort());
        return d;
    }
}
