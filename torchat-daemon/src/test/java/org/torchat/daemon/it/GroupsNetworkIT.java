package org.torchat.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchat.daemon.group.GroupFrames;
import org.torchat.daemon.testing.Await;
import org.torchat.daemon.testing.RawSession;
import org.torchat.daemon.testing.TestDaemon;
import org.torchat.daemon.testing.TestSocks5Server;
import org.torchat.daemon.testing.TorchatCli;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.group.GroupMessageFields;
import org.torchat.protocol.group.GroupSignatures;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;

/**
 * Issue 16: groups between three to five real daemons on loopback, through a SOCKS5 server standing in for Tor.
 * Members are contacts of the creator only, never of each other: they reach each other through the group.
 */
class GroupsNetworkIT {
    private static final String[] CONFIG = {"heartbeat: 1000", "connectpace: 0", "retrydelay: 200"};
    private static final Duration SOON = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private TestSocks5Server socks;
    private final Map<String, TestDaemon> running = new LinkedHashMap<>();

    @BeforeEach
    void socks() throws Exception {
        socks = new TestSocks5Server();
    }

    @AfterEach
    void stop() throws Exception {
        running.values().forEach(TestDaemon::close);
        socks.close();
    }

    private TestDaemon start(String name, String... extra) throws Exception {
        List<String> lines = new ArrayList<>(Arrays.asList(CONFIG));
        lines.addAll(Arrays.asList(extra));
        TestDaemon d = TestDaemon.startReachable(tmp, name, socks, lines.toArray(String[]::new));
        running.put(name, d);
        return d;
    }

    private void stop(String name) {
        running.remove(name).close();
    }

    private static void befriend(TestDaemon a, TestDaemon b) throws Exception {
        a.client().changeContact(Command.ADD_CONTACT, b.address().hostname(), "");
        b.client().changeContact(Command.ADD_CONTACT, a.address().hostname(), "");
    }

    /** {@code creator} creates a group, befriends and invites {@code members}, who join; all see the full roster. */
    private static String groupOf(String name, TestDaemon creator, TestDaemon... members) throws Exception {
        String id = creator.client().createGroup(name);
        List<String> invited = new ArrayList<>();
        for (TestDaemon m : members) {
            befriend(creator, m);
            invited.add(m.address().hostname());
        }
        creator.client().inviteToGroup(id, invited);
        for (TestDaemon m : members) {
            Await.until(() -> invitationIds(m), ids -> ids.contains(id), SOON);
            m.client().groupStep(Command.GROUP_JOIN, id);
        }
        int size = members.length + 1;
        for (TestDaemon d : all(creator, members)) {
            Await.until(() -> stateOf(d, id), s -> s.equals("member " + size), SOON);
        }
        return id;
    }

    private static List<TestDaemon> all(TestDaemon first, TestDaemon... rest) {
        List<TestDaemon> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all;
    }

    private static List<String> invitationIds(TestDaemon d) throws Exception {
        return d.client().groupInvites().stream().map(Message::id).toList();
    }

    /** "STATE N" as GROUPS says, or "none". */
    private static String stateOf(TestDaemon d, String id) throws Exception {
        return d.client().groups().stream()
                .filter(g -> g.id().equals(id))
                .findFirst()
                .map(g -> g.extension(Extensions.STATE).orElseThrow().asText() + " "
                        + g.extension(Extensions.MEMBERS).orElseThrow().asInt())
                .orElse("none");
    }

    private static List<String> texts(TestDaemon d, String id) throws Exception {
        return d.client().groupHistory(id, 1000).stream().map(Message::msg).toList();
    }

    @Test
    void createInviteJoinThenEveryMemberReachesEveryOtherThroughTheGroupOnly() throws Exception {
        TestDaemon alice = start("alice");
        TestDaemon bob = start("bob");
        TestDaemon carol = start("carol");
        TestDaemon dave = start("dave");
        String id = alice.client().createGroup("Plans \ud83d\udc69\u200d\ud83d\udc69\u200d\ud83d\udc67 \u65c5\u884c");
        for (TestDaemon m : List.of(bob, carol, dave)) {
            befriend(alice, m);
        }
        TorchatCli.Run invite = TorchatCli.torchat(
                "group",
                "invite",
                id,
                bob.address().hostname(),
                carol.address().hostname(),
                dave.address().hostname(),
                "-p",
                String.valueOf(alice.controlPort()));
        assertEquals(0, invite.code(), invite.err());
        // The invitation shows who invited, the group's name and its members (so far only the creator).
        Await.until(() -> invitationIds(bob), ids -> ids.contains(id), SOON);
        TorchatCli.Run invites = TorchatCli.torchat("group", "invites", "-p", String.valueOf(bob.controlPort()));
        assertEquals(
                List.of(id + "  Plans \ud83d\udc69\u200d\ud83d\udc69\u200d\ud83d\udc67 \u65c5\u884c  from "
                        + alice.address().hostname() + "  1 member"),
                invites.out().lines().toList());
        for (TestDaemon m : List.of(bob, carol, dave)) {
            Await.until(() -> invitationIds(m), ids -> ids.contains(id), SOON);
            TorchatCli.Run join = TorchatCli.torchat("group", "join", id, "-p", String.valueOf(m.controlPort()));
            assertEquals(0, join.code(), join.err());
        }
        for (TestDaemon d : List.of(alice, bob, carol, dave)) {
            Await.until(() -> stateOf(d, id), "member 4"::equals, SOON);
        }
        // Every member writes once; every member ends up with all four, each once.
        for (TestDaemon d : List.of(alice, bob, carol, dave)) {
            d.client()
                    .sendToGroup(
                            id, "hello from " + d.address().hostname().substring(0, 6) + " \ud83d\udc4b\ud83c\udffd");
        }
        for (TestDaemon d : List.of(alice, bob, carol, dave)) {
            Await.until(() -> texts(d, id).size(), n -> n == 4, SOON);
            assertEquals(
                    4, texts(d, id).stream().distinct().count(), texts(d, id).toString());
        }
        // Bob and Carol talked through the group without becoming contacts or requests of each other.
        assertEquals(
                List.of(alice.address().hostname()),
                bob.client().contacts().stream().map(Message::id).toList());
        assertTrue(bob.client().requests().isEmpty(), "no request from a fellow member");
        // Writing to a fellow member one to one is writing to a stranger: it arrives (over the group's session) as a
        // request, under the strangers' rules, never as a contact's message.
        bob.client().send(carol.address().hostname(), "psst, just you \ud83e\udd2b");
        List<Message> requests = Await.until(() -> carol.client().requests(), r -> !r.isEmpty(), SOON);
        assertEquals(bob.address().hostname(), requests.get(0).id());
        assertEquals("psst, just you \ud83e\udd2b", requests.get(0).msg());
        // The same members everywhere.
        List<String> roster =
                alice.client().groupMembers(id).stream().map(Message::id).toList();
        for (TestDaemon d : List.of(bob, carol, dave)) {
            assertEquals(
                    roster,
                    d.client().groupMembers(id).stream().map(Message::id).toList());
        }
        TorchatCli.Run history =
                TorchatCli.torchat("group", "history", id, "2", "-p", String.valueOf(carol.controlPort()));
        assertEquals(0, history.code(), history.err());
        assertEquals(2, history.out().lines().count(), history.out());
    }

    /** A contact whose daemon does not open sessions (protocol 1, or sessions off) cannot be invited: it is said. */
    @Test
    void aContactWithoutProtocol2CannotBeInvitedAndIsToldWhy() throws Exception {
        TestDaemon alice = start("alice");
        TestDaemon old = start("old", "sessions: false");
        befriend(alice, old);
        String id = alice.client().createGroup("new things");
        String error = Await.until(
                () -> {
                    try {
                        alice.client().inviteToGroup(id, List.of(old.address().hostname()));
                        return "";
                    } catch (org.torchat.protocol.client.DaemonErrorException e) {
                        return e.getMessage();
                    }
                },
                e -> !e.isEmpty(),
                SOON);
        assertTrue(error.contains("does not speak protocol 2 (sessions), which groups need"), error);
    }

    @Test
    void aMemberOfflineWhenAMessageIsWrittenGetsItFromAnotherMemberAfterTheAuthorIsGone() throws Exception {
        TestDaemon alice = start("alice");
        TestDaemon bob = start("bob");
        TestDaemon carol = start("carol");
        String id = groupOf("relay", alice, bob, carol);
        stop("carol");
        bob.client().sendToGroup(id, "written while carol is away");
        Await.until(() -> texts(alice, id), t -> t.contains("written while carol is away"), SOON);
        stop("bob");
        long back = System.nanoTime();
        TestDaemon carolAgain = start("carol");
        Await.until(() -> texts(carolAgain, id), t -> t.contains("written while carol is away"), SOON);
        long millis = (System.nanoTime() - back) / 1_000_000;
        System.out.println("offline member: the message arrived " + millis + " ms after it started again");
        assertEquals(1, texts(carolAgain, id).size());
    }

    /**
     * A backlog larger than the receiver's budget for its author: what is refused goes again once the budget has
     * room, so all of it arrives, each once and in order (the budget slows it, never loses it).
     */
    @Test
    void aBacklogBeyondTheAuthorsBudgetArrivesWholeAndInOrder() throws Exception {
        TestDaemon alice = start("alice", "recvrate: 600", "recvburst: 20");
        TestDaemon bob = start("bob");
        String id = groupOf("backlog", alice, bob);
        List<String> written = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            written.add("backlog " + i);
            bob.client().sendToGroup(id, "backlog " + i);
        }
        Await.until(() -> texts(alice, id).size(), n -> n == 60, Duration.ofSeconds(60));
        assertEquals(written, texts(alice, id));
    }

    @Test
    void aRemovedMemberGetsNothingWrittenAfterAndLearnsItWasRemoved() throws Exception {
        TestDaemon alice = start("alice");
        TestDaemon bob = start("bob");
        TestDaemon carol = start("carol");
        String id = groupOf("shrinking", alice, bob, carol);
        bob.client().sendToGroup(id, "before");
        Await.until(() -> texts(carol, id), t -> t.contains("before"), SOON);

        TorchatCli.Run remove = TorchatCli.torchat(
                "group", "remove", id, carol.address().hostname(), "-p", String.valueOf(alice.controlPort()));
        assertEquals(0, remove.code(), remove.err());
        Await.until(() -> stateOf(carol, id), "removed 2"::equals, SOON);
        Await.until(() -> stateOf(bob, id), "member 2"::equals, SOON);
        bob.client().sendToGroup(id, "after");
        alice.client().sendToGroup(id, "after, too");
        Await.until(() -> texts(alice, id), t -> t.contains("after"), SOON);
        Await.until(() -> texts(bob, id), t -> t.contains("after, too"), SOON);
        Thread.sleep(2 * 3000 + 1000); // two relay delays: anything still on its way would be here
        assertEquals(List.of("before"), texts(carol, id));
    }

    @Test
    void aMemberWhoLeavesIsDroppedFromEveryRosterAndTheCreatorCannotLeave() throws Exception {
        TestDaemon alice = start("alice");
        TestDaemon bob = start("bob");
        TestDaemon carol = start("carol");
        String id = groupOf("leaving", alice, bob, carol);
        bob.client().groupStep(Command.GROUP_LEAVE, id);
        Await.until(() -> stateOf(bob, id), "left 2"::equals, SOON);
        Await.until(() -> stateOf(carol, id), "member 2"::equals, SOON);
        TorchatCli.Run creatorLeaves =
                TorchatCli.torchat("group", "leave", id, "-p", String.valueOf(alice.controlPort()));
        assertTrue(creatorLeaves.code() != 0);
        assertTrue(creatorLeaves.err().contains("you created"), creatorLeaves.err());
    }

    @Test
    void forgedAlteredAndReplayedMessagesAreRefusedAndAFloodStopsAtItsAuthorsBudget() throws Exception {
        TestDaemon alice = start("alice", "recvrate: 60", "recvburst: 20");
        Ed25519Identity mallory = Ed25519Identity.generate();
        String id = alice.client().createGroup("target");
        alice.client().changeContact(Command.ADD_CONTACT, mallory.onionAddress().hostname(), "");
        alice.client().inviteToGroup(id, List.of(mallory.onionAddress().hostname()));
        RawSession session = joinByHand(mallory, alice, id);

        // A replay: the same signed message twice is stored once.
        GroupMessageFields first = fields(id, mallory, 1, "first");
        session.send(GroupFrames.message(mallory.onionAddress(), first, GroupSignatures.sign(mallory, first)));
        session.send(GroupFrames.message(mallory.onionAddress(), first, GroupSignatures.sign(mallory, first)));
        Await.until(() -> texts(alice, id), t -> t.equals(List.of("first")), SOON);

        // An altered text: the signature no longer holds; the session ends and nothing is stored.
        GroupMessageFields genuine = fields(id, mallory, 2, "genuine");
        byte[] signature = GroupSignatures.sign(mallory, genuine);
        GroupMessageFields altered = fields(id, mallory, 2, "altered");
        session.send(GroupFrames.message(mallory.onionAddress(), altered, signature));
        assertEquals(Optional.empty(), drain(session), "the session ends");

        // A forged author: Mallory passes on a message "by Alice" that Alice never signed.
        RawSession again = RawSession.open(mallory, alice);
        GroupMessageFields forged = new GroupMessageFields(
                id, alice.address(), 1, "forged-id-0000000001", System.currentTimeMillis(), "I never wrote this");
        again.send(GroupFrames.message(mallory.onionAddress(), forged, GroupSignatures.sign(mallory, genuine)));
        assertEquals(Optional.empty(), drain(again), "the session ends");
        assertEquals(List.of("first"), texts(alice, id), "nothing forged or altered was stored");

        // A message signed by someone who is not on the roster is dropped without looking further.
        Ed25519Identity stranger = Ed25519Identity.generate();
        GroupMessageFields outsider = fields(id, stranger, 1, "not a member");
        RawSession flood = RawSession.open(mallory, alice);
        flood.send(GroupFrames.message(mallory.onionAddress(), outsider, GroupSignatures.sign(stranger, outsider)));

        // A flood: 200 messages at once; the author's budget (20 at once, 1 a second) holds it.
        long start = System.nanoTime();
        for (int seq = 2; seq <= 201; seq++) {
            GroupMessageFields m = fields(id, mallory, seq, "flood " + seq);
            flood.send(GroupFrames.message(mallory.onionAddress(), m, GroupSignatures.sign(mallory, m)));
        }
        Thread.sleep(2000);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> texts = texts(alice, id);
        int stored = texts.size() - 1;
        System.out.println("flood: " + stored + " of 200 stored in " + seconds + " s");
        assertTrue(stored >= 15 && stored <= 20 + (int) Math.ceil(seconds) + 1, "stored " + stored);
        assertFalse(texts.contains("not a member"));
        // Alice still answers her user at once, and the session was not ended by a flood of valid messages.
        assertEquals(id, alice.client().groups().get(0).id());
        flood.close();
    }

    /**
     * A contact floods invitations: 25 groups, each roster properly signed by it. At most 20 wait for an answer; the
     * rest are dropped before their signature is checked, and the session stays up.
     */
    @Test
    void aFloodOfInvitationsStopsAtTwentyWaiting() throws Exception {
        TestDaemon alice = start("alice");
        Ed25519Identity mallory = Ed25519Identity.generate();
        alice.client().changeContact(Command.ADD_CONTACT, mallory.onionAddress().hostname(), "");
        try (RawSession session = RawSession.open(mallory, alice)) {
            for (int i = 0; i < 25; i++) {
                org.torchat.protocol.group.RosterFields roster = new org.torchat.protocol.group.RosterFields(
                        org.torchat.protocol.group.GroupIds.random(),
                        mallory.onionAddress(),
                        1,
                        "spam " + i,
                        List.of(mallory.onionAddress()));
                session.send(GroupFrames.roster(
                        Command.GROUP_INVITE, mallory.onionAddress(), roster, GroupSignatures.sign(mallory, roster)));
            }
            Await.until(() -> invitationIds(alice).size(), n -> n >= 20, SOON);
            Thread.sleep(1000); // the other five were read by now
            assertEquals(20, invitationIds(alice).size());
            assertEquals(20, alice.client().groups().size(), "nothing of the other five was stored");
        }
    }

    /** Mallory opens a session with the creator, hears the invitation, joins, and waits for the roster. */
    private static RawSession joinByHand(Ed25519Identity who, TestDaemon creator, String id) throws Exception {
        RawSession session = RawSession.open(who, creator);
        String invitation = session.receive(Command.GROUP_INVITE);
        assertTrue(invitation.contains(id), invitation);
        session.send(GroupFrames.answer(Command.GROUP_JOIN, who.onionAddress(), id));
        String roster = session.receive(Command.GROUP_ROSTER);
        assertTrue(roster.contains(who.onionAddress().hostname()), roster);
        return session;
    }

    private static GroupMessageFields fields(String id, Ed25519Identity author, long seq, String text) {
        return new GroupMessageFields(
                id,
                author.onionAddress(),
                seq,
                "m-" + author.onionAddress().hostname().substring(0, 8) + "-" + seq + "-pad",
                System.currentTimeMillis(),
                text);
    }

    /** Reads until the daemon closes the session (empty), or a frame that is not group sync comes. */
    private static Optional<String> drain(RawSession session) throws Exception {
        while (true) {
            Optional<String> frame = session.next();
            if (frame.isEmpty()
                    || !(frame.get().contains("GROUP_HAVE") || frame.get().contains("GROUP_ROSTER"))) {
                return frame;
            }
        }
    }

    static OnionAddress address(TestDaemon d) {
        return d.address();
    }
}
