package org.torchat.daemon.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.torchat.protocol.backup.KdfParameters;
import org.torchat.protocol.group.GroupIds;
import org.torchat.protocol.group.GroupMessageFields;
import org.torchat.protocol.group.GroupSignatures;
import org.torchat.protocol.group.RosterFields;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;
import org.torchat.protocol.seal.SealKeyFile;

class GroupsTest {
    private static final Ed25519Identity ALICE = Ed25519Identity.generate();
    private static final Ed25519Identity BOB = Ed25519Identity.generate();
    private static final Ed25519Identity CAROL = Ed25519Identity.generate();
    private static final Instant T0 = Instant.parse("2026-12-04T18:30:00Z");

    private final Database db;
    private final ChangeSignal changes = new ChangeSignal();
    private final Groups groups;
    private final String group = GroupIds.random();

    GroupsTest() throws Exception {
        db = Database.inMemory();
        groups = new Groups(db, changes, 1000);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static RosterFields roster(String group, long version, Ed25519Identity... members) {
        return new RosterFields(
                group,
                ALICE.onionAddress(),
                version,
                "friends",
                java.util.Arrays.stream(members)
                        .map(Ed25519Identity::onionAddress)
                        .toList());
    }

    private Group created(Ed25519Identity... members) {
        RosterFields r = roster(group, 1, members);
        return groups.create(r, GroupSignatures.sign(ALICE, r), T0);
    }

    private Groups.Outcome write(Ed25519Identity author, long seq, String mid, String text) {
        GroupMessageFields m = new GroupMessageFields(group, author.onionAddress(), seq, mid, T0.toEpochMilli(), text);
        return groups.store(m, GroupSignatures.sign(author, m), T0.plusSeconds(seq), author == ALICE);
    }

    @Test
    void fellowMembersAreThoseOnTheRosterOfAGroupWeTakePartIn() {
        created(ALICE, BOB);
        assertTrue(groups.isFellowMember(BOB.onionAddress()));
        assertFalse(groups.isFellowMember(CAROL.onionAddress()));
        assertEquals(Set.of(ALICE.onionAddress(), BOB.onionAddress()), groups.fellowMembers());
        assertTrue(groups.transition(group, Set.of(GroupState.MEMBER), GroupState.LEFT));
        assertFalse(groups.isFellowMember(BOB.onionAddress()), "a group we left admits no one");
        assertEquals(Set.of(), groups.fellowMembers());
    }

    @Test
    void aMutedGroupStillHasUnreadMessagesAMutedMemberIsLeftOutAndBothAreKeptToPassOn() {
        created(ALICE, BOB, CAROL);
        groups.mute(group, null, true);
        groups.mute(group, CAROL.onionAddress(), true);
        assertEquals(Groups.Outcome.STORED, write(BOB, 1, "b1-0000000000000", "bob, in a muted group"));
        assertEquals(Groups.Outcome.STORED, write(CAROL, 1, "c1-0000000000000", "carol, muted"));
        assertTrue(groups.find(group).orElseThrow().muted());
        assertEquals(Set.of(CAROL.onionAddress()), groups.mutedMembers(group));
        assertEquals(
                List.of("bob, in a muted group"),
                groups.readUnread(10).stream().map(m -> m.fields().text()).toList(),
                "the group's messages come to clients; the muted member's do not");
        assertEquals(
                List.of("bob, in a muted group"),
                groups.history(group, 10).stream().map(m -> m.fields().text()).toList());
        assertEquals(Map.of(BOB.onionAddress(), 1L, CAROL.onionAddress(), 1L), groups.vector(group), "both kept");
        groups.mute(group, CAROL.onionAddress(), false);
        assertEquals(2, groups.history(group, 10).size(), "unmuted: her message shows again");
        assertEquals(List.of(), groups.readUnread(10), "read once");
    }

    @Test
    void aCreatedGroupHoldsItsSignedRosterAndItsMembersWrite() {
        Group g = created(ALICE, BOB);
        assertEquals(GroupState.MEMBER, g.state());
        assertEquals(
                List.of(ALICE.onionAddress(), BOB.onionAddress()).stream()
                        .sorted(java.util.Comparator.comparing(OnionAddress::hostname))
                        .toList(),
                g.members());
        assertTrue(GroupSignatures.verify(g.roster(), g.rosterSignature()), "the roster comes back as signed");

        assertEquals(Groups.Outcome.STORED, write(ALICE, 1, "a1", "hello"));
        assertEquals(Groups.Outcome.STORED, write(BOB, 1, "b1", "hi \ud83d\udc4b\ud83c\udffd"));
        assertEquals(Groups.Outcome.NOT_A_MEMBER, write(CAROL, 1, "c1", "let me in"));
        assertEquals(1, groups.find(group).orElseThrow().unread(), "Bob's message is unread, ours is not");
        List<GroupMessage> history = groups.history(group, 10);
        assertEquals(
                List.of("hello", "hi \ud83d\udc4b\ud83c\udffd"),
                history.stream().map(m -> m.fields().text()).toList());
        GroupMessage bobs = history.get(1);
        assertTrue(GroupSignatures.verify(bobs.fields(), bobs.signature()), "kept as signed, to be passed on");
        assertEquals(2, groups.nextSeq(group, BOB.onionAddress()));
    }

    @Test
    void repeatsAreDroppedAndASecondVersionOfASequenceNumberIsKeptOut() {
        created(ALICE, BOB);
        assertEquals(Groups.Outcome.STORED, write(BOB, 1, "b1", "first"));
        assertEquals(Groups.Outcome.DUPLICATE, write(BOB, 1, "b1", "first"));
        assertEquals(Groups.Outcome.CONFLICT, write(BOB, 1, "other", "rewritten history"));
        assertEquals(
                List.of("first"),
                groups.history(group, 10).stream().map(m -> m.fields().text()).toList());
    }

    @Test
    void anAuthorsMessagesAreStoredOnlyInTheirOrderSoTheVectorHasNoGaps() {
        created(ALICE, BOB, CAROL);
        assertEquals(Groups.Outcome.STORED, write(BOB, 1, "b1", "one"));
        assertEquals(Groups.Outcome.STORED, write(BOB, 2, "b2", "two"));
        assertEquals(Groups.Outcome.OUT_OF_ORDER, write(BOB, 4, "b4", "four, before three"));
        assertEquals(Groups.Outcome.OUT_OF_ORDER, write(CAROL, 2, "c2", "carol's second, her first not here yet"));
        assertEquals(Map.of(BOB.onionAddress(), 2L), groups.vector(group));
        assertEquals(Groups.Outcome.STORED, write(BOB, 3, "b3", "three"));
        assertEquals(Groups.Outcome.STORED, write(BOB, 4, "b4", "four"));
        assertEquals(Groups.Outcome.STORED, write(CAROL, 1, "c1", "carol's first"));
        assertEquals(Groups.Outcome.STORED, write(CAROL, 2, "c2", "carol's second"));
        assertEquals(Map.of(BOB.onionAddress(), 4L, CAROL.onionAddress(), 2L), groups.vector(group));
        assertEquals(
                List.of(3L, 4L),
                groups.after(group, BOB.onionAddress(), 2, 10).stream()
                        .map(m -> m.fields().seq())
                        .toList());
        assertEquals(
                List.of("one", "two", "three", "four", "carol's first", "carol's second"),
                groups.history(group, 10).stream().map(m -> m.fields().text()).toList(),
                "each author's messages in their order");
    }

    @Test
    void aNewerRosterReplacesTheMembersAnOlderOneChangesNothingAndOneWithoutUsRemovesUs() {
        created(ALICE, BOB, CAROL);
        RosterFields withoutCarol = roster(group, 2, ALICE, BOB);
        assertTrue(groups.applyRoster(withoutCarol, GroupSignatures.sign(ALICE, withoutCarol), BOB.onionAddress()));
        RosterFields stale = roster(group, 1, ALICE, BOB, CAROL);
        assertFalse(groups.applyRoster(stale, GroupSignatures.sign(ALICE, stale), BOB.onionAddress()));
        assertFalse(groups.find(group).orElseThrow().members().contains(CAROL.onionAddress()));
        assertEquals(Groups.Outcome.NOT_A_MEMBER, write(CAROL, 1, "c1", "written after she was removed"));

        RosterFields withoutBob = roster(group, 3, ALICE);
        assertTrue(groups.applyRoster(withoutBob, GroupSignatures.sign(ALICE, withoutBob), BOB.onionAddress()));
        assertEquals(GroupState.REMOVED, groups.find(group).orElseThrow().state());
        assertEquals(Groups.Outcome.NOT_JOINED, write(ALICE, 1, "a1", "nothing is stored once we are out"));
    }

    @Test
    void anInvitationStoresNothingUntilJoinedAndAGroupStopsAtItsLimit() {
        RosterFields r = roster(group, 1, ALICE, BOB);
        Group invited = groups.invited(r, GroupSignatures.sign(ALICE, r), ALICE.onionAddress(), T0);
        assertEquals(GroupState.INVITED, invited.state());
        assertEquals(ALICE.onionAddress(), invited.invitedBy());
        assertEquals(Groups.Outcome.NOT_JOINED, write(ALICE, 1, "a1", "before joining"));
        assertTrue(groups.transition(group, Set.of(GroupState.INVITED), GroupState.MEMBER));
        assertEquals(Groups.Outcome.STORED, write(ALICE, 1, "a1", "x".repeat(600)));
        assertEquals(Groups.Outcome.OVER_LIMIT, write(ALICE, 2, "a2", "y".repeat(600)), "1,000 bytes per group here");
        assertEquals(Groups.Outcome.STORED, write(ALICE, 2, "a2", "z".repeat(400)));
    }

    @Test
    void turningSealingOnSealsTheGroupTextsAlreadyStored() throws Exception {
        created(ALICE, BOB);
        write(BOB, 1, "b1", "stored in clear, before sealing");
        SealKeyFile key = SealKeyFile.create("pass".toCharArray(), new KdfParameters(1024, 1, 1));
        HistorySeal seal = HistorySeal.sealingTo(key);
        db.useSeal(seal);
        assertEquals(1, SealExisting.run(db).messages());
        try (Statement s = db.run(c -> c.createStatement());
                ResultSet rs = s.executeQuery("SELECT body, sealed IS NOT NULL FROM group_messages")) {
            rs.next();
            assertEquals("", rs.getString(1));
            assertTrue(rs.getBoolean(2));
        }
        seal.unlock("pass".toCharArray());
        assertEquals(
                "stored in clear, before sealing",
                groups.history(group, 1).get(0).fields().text());
    }

    @Test
    void aSealedStoreKeepsGroupTextsSealedAndReadsThemUnlocked() throws Exception {
        SealKeyFile key = SealKeyFile.create("pass".toCharArray(), new KdfParameters(1024, 1, 1));
        HistorySeal seal = HistorySeal.sealingTo(key);
        db.useSeal(seal);
        seal.unlock("pass".toCharArray());
        created(ALICE, BOB);
        write(BOB, 1, "b1", "a secret plan");
        try (Statement s = db.run(c -> c.createStatement());
                ResultSet rs = s.executeQuery("SELECT body, sealed FROM group_messages")) {
            rs.next();
            assertEquals("", rs.getString(1));
            assertFalse(new String(rs.getBytes(2), java.nio.charset.StandardCharsets.ISO_8859_1).contains("secret"));
        }
        assertArrayEquals(
                "a secret plan".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                groups.history(group, 1).get(0).fields().text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
