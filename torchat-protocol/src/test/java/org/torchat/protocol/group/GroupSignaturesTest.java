package org.torchat.protocol.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;
import org.torchat.protocol.signature.MessageSignatures;
import org.torchat.protocol.signature.SignedFields;

class GroupSignaturesTest {
    private static final Ed25519Identity ALICE = Ed25519Identity.generate();
    private static final Ed25519Identity BOB = Ed25519Identity.generate();
    private static final Ed25519Identity CAROL = Ed25519Identity.generate();
    private static final String GROUP = GroupIds.random();
    private static final long TS = 1_796_400_000_000L;

    private static GroupMessageFields message(Ed25519Identity author, String text) {
        return new GroupMessageFields(GROUP, author.onionAddress(), 3, "mid-1", TS, text);
    }

    @Test
    void aMessageVerifiesAsItsAuthorsAndNothingInItCanBeChangedOrMoved() {
        GroupMessageFields m = message(ALICE, "hello group \ud83d\udc4b\ud83c\udffd");
        byte[] sig = GroupSignatures.sign(ALICE, m);
        assertTrue(GroupSignatures.verify(m, sig));
        List<GroupMessageFields> altered = List.of(
                new GroupMessageFields(GroupIds.random(), m.author(), m.seq(), m.messageId(), TS, m.text()),
                new GroupMessageFields(GROUP, BOB.onionAddress(), m.seq(), m.messageId(), TS, m.text()),
                new GroupMessageFields(GROUP, m.author(), 4, m.messageId(), TS, m.text()),
                new GroupMessageFields(GROUP, m.author(), m.seq(), "mid-2", TS, m.text()),
                new GroupMessageFields(GROUP, m.author(), m.seq(), m.messageId(), TS + 1, m.text()),
                new GroupMessageFields(GROUP, m.author(), m.seq(), m.messageId(), TS, m.text() + "!"));
        for (GroupMessageFields other : altered) {
            assertFalse(GroupSignatures.verify(other, sig), other.toString());
        }
    }

    @Test
    void noMemberCanSignInAnothersName() {
        assertThrows(IllegalArgumentException.class, () -> GroupSignatures.sign(BOB, message(ALICE, "forged")));
        GroupMessageFields claimed = message(ALICE, "forged");
        byte[] bobs = BOB.sign(GroupSignatures.encode(claimed)); // Bob's key over bytes naming Alice as the author
        assertFalse(GroupSignatures.verify(claimed, bobs));
    }

    @Test
    void aSignatureOfOneKindIsNeverValidAsAnother() {
        GroupMessageFields m = message(ALICE, "same words");
        byte[] groupSig = GroupSignatures.sign(ALICE, m);
        SignedFields direct = new SignedFields(ALICE.onionAddress(), BOB.onionAddress(), "mid-1", TS, "same words");
        assertFalse(MessageSignatures.verify(direct, groupSig), "a group message is not a one-to-one message");
        assertFalse(GroupSignatures.verify(m, MessageSignatures.sign(ALICE, direct)));
        RosterFields roster = new RosterFields(GROUP, ALICE.onionAddress(), 3, "mid-1", List.of(ALICE.onionAddress()));
        assertFalse(GroupSignatures.verify(roster, groupSig));
    }

    @Test
    void onlyTheCreatorsRosterVerifiesAndItsListHasOneOrder() {
        List<OnionAddress> members = List.of(CAROL.onionAddress(), ALICE.onionAddress(), BOB.onionAddress());
        RosterFields roster = new RosterFields(GROUP, ALICE.onionAddress(), 2, "friends", members);
        RosterFields reordered = new RosterFields(
                GROUP,
                ALICE.onionAddress(),
                2,
                "friends",
                List.of(BOB.onionAddress(), CAROL.onionAddress(), ALICE.onionAddress()));
        assertEquals(roster, reordered, "the same members in another order are the same roster");
        byte[] sig = GroupSignatures.sign(ALICE, roster);
        assertTrue(GroupSignatures.verify(reordered, sig));
        assertFalse(
                GroupSignatures.verify(
                        new RosterFields(
                                GROUP,
                                ALICE.onionAddress(),
                                2,
                                "friends",
                                List.of(ALICE.onionAddress(), BOB.onionAddress())),
                        sig),
                "a member removed");
        assertFalse(GroupSignatures.verify(new RosterFields(GROUP, ALICE.onionAddress(), 3, "friends", members), sig));
        assertThrows(IllegalArgumentException.class, () -> GroupSignatures.sign(BOB, roster));
    }

    @Test
    void malformedRostersAndMessagesAreRefused() {
        OnionAddress a = ALICE.onionAddress();
        assertThrows(IllegalArgumentException.class, () -> new RosterFields(GROUP, a, 1, "x", List.of(a, a)));
        assertThrows(
                IllegalArgumentException.class,
                () -> new RosterFields(GROUP, a, 1, "x", List.of(BOB.onionAddress())),
                "the creator is a member");
        assertThrows(IllegalArgumentException.class, () -> new RosterFields(GROUP, a, 0, "x", List.of(a)));
        assertThrows(IllegalArgumentException.class, () -> new RosterFields("NOT-HEX", a, 1, "x", List.of(a)));
        assertThrows(IllegalArgumentException.class, () -> new GroupMessageFields(GROUP, a, 0, "m", TS, "t"));
        GroupMessageFields lone = message(ALICE, "broken \ud800 text");
        assertThrows(IllegalArgumentException.class, () -> GroupSignatures.sign(ALICE, lone));
        assertFalse(GroupSignatures.verify(lone, new byte[64]), "never signed, and no exception");
    }
}
