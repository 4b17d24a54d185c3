package org.torchat.daemon.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.MessageCodec;
import org.torchat.protocol.group.GroupMessageFields;
import org.torchat.protocol.group.GroupSignatures;
import org.torchat.protocol.group.RosterFields;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.session.SessionException;

/** Group frames as peers send them: built and read back unchanged; every malformed field refused by name. */
class GroupFramesTest {
    private static final Ed25519Identity ALICE = Ed25519Identity.generate();
    private static final Ed25519Identity BOB = Ed25519Identity.generate();
    private static final String GROUP = "0123456789abcdef0123456789abcdef";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static RosterFields roster() {
        return new RosterFields(
                GROUP,
                ALICE.onionAddress(),
                3,
                "Caf\u00e9 \ud83d\udc69\u200d\ud83d\udcbb",
                List.of(ALICE.onionAddress(), BOB.onionAddress()));
    }

    private static GroupMessageFields message() {
        return new GroupMessageFields(
                GROUP,
                BOB.onionAddress(),
                7,
                "mid-0000000000000007",
                1_700_000_000_000L,
                "\u4f60\u597d \ud83d\udc4b\ud83c\udffd");
    }

    /** Through the codec, as the wire carries it. */
    private static Message wire(Message m) throws Exception {
        return MessageCodec.decode(MessageCodec.encode(m));
    }

    @Test
    void framesReadBackAsTheyWereBuilt() throws Exception {
        byte[] rsig = GroupSignatures.sign(ALICE, roster());
        GroupFrames.SignedRoster r = GroupFrames.parseRoster(
                wire(GroupFrames.roster(Command.GROUP_INVITE, ALICE.onionAddress(), roster(), rsig)));
        assertEquals(roster(), r.fields());
        assertArrayEquals(rsig, r.signature());
        assertTrue(GroupSignatures.verify(r.fields(), r.signature()));

        byte[] sig = GroupSignatures.sign(BOB, message());
        GroupFrames.SignedMessage m =
                GroupFrames.parseMessage(wire(GroupFrames.message(ALICE.onionAddress(), message(), sig)));
        assertEquals(message(), m.fields());
        assertTrue(GroupSignatures.verify(m.fields(), m.signature()));

        GroupFrames.Have have = GroupFrames.parseHave(wire(GroupFrames.have(
                ALICE.onionAddress(), GROUP, 3, Map.of(BOB.onionAddress(), 7L, ALICE.onionAddress(), 0L), true)));
        assertEquals(
                new GroupFrames.Have(GROUP, 3, Map.of(BOB.onionAddress(), 7L, ALICE.onionAddress(), 0L), true), have);
    }

    @Test
    void everyMalformedFieldEndsTheSessionWithItsName() {
        byte[] sig = GroupSignatures.sign(BOB, message());
        Message good = GroupFrames.message(ALICE.onionAddress(), message(), sig);
        refused(good.withExtension(Extensions.GROUP, NODES.textNode("not-hex")), "'group' must be 32 hex digits");
        refused(good.withExtension(Extensions.SEQUENCE, NODES.numberNode(0)), "'seq' must be a whole number >= 1");
        refused(good.withExtension(Extensions.SEQUENCE, NODES.textNode("7")), "'seq' must be a whole number >= 1");
        refused(good.withExtension(Extensions.AUTHOR, NODES.textNode("bob")), "'author' holds something that is not");
        refused(good.withExtension(Extensions.SIGNATURE, NODES.textNode("!!")), "'sig' must be the base64");
        refused(good.withExtension(Extensions.MESSAGE_ID, NODES.textNode("short")), "'mid' must be 16..64");
        refused(without(good, Extensions.TIMESTAMP), "it needs 'mid' and 'ts'");
        refused(
                Message.of(Command.GROUP_MSG, ALICE.onionAddress().hostname(), 80, "")
                        .withExtension(Extensions.GROUP, NODES.textNode(GROUP)),
                "is empty: there is no message");

        Message roster = GroupFrames.roster(
                Command.GROUP_ROSTER, ALICE.onionAddress(), roster(), GroupSignatures.sign(ALICE, roster()));
        ArrayNode tooMany = NODES.arrayNode();
        for (int i = 0; i <= GroupFrames.MAX_WIRE_MEMBERS; i++) {
            tooMany.add(Ed25519Identity.generate().onionAddress().hostname());
        }
        refused(roster.withExtension(Extensions.ROSTER, tooMany), "an array of at most 200 addresses");
        refused(roster.withExtension(Extensions.ROSTER, NODES.textNode("alice")), "an array of at most");
        refused(
                roster.withExtension(
                        Extensions.ROSTER,
                        NODES.arrayNode().add(BOB.onionAddress().hostname())),
                "must be a member of its group");
        refused(
                new Message(Command.GROUP_ROSTER, roster.id(), 80, "bad\u202ename", null, roster.extensions()),
                "control or format characters");
        refused(roster.withExtension(Extensions.VERSION, NODES.numberNode(-1)), "'ver' must be a whole number >= 1");

        Message have = GroupFrames.have(ALICE.onionAddress(), GROUP, 1, Map.of(), false);
        refused(have.withExtension(Extensions.VECTOR, NODES.arrayNode()), "'vector' must be an object");
        refused(
                have.withExtension(
                        Extensions.VECTOR,
                        NODES.objectNode().put(BOB.onionAddress().hostname(), -1)),
                "a whole number >= 0");
        refused(have.withExtension(Extensions.VECTOR, NODES.objectNode().put("x", 1)), "not an onion address");
        refused(have.withExtension(Extensions.DELTA, NODES.textNode("yes")), "'delta' must be true or false");
    }

    private static Message without(Message m, String field) {
        Map<String, com.fasterxml.jackson.databind.JsonNode> rest = new java.util.LinkedHashMap<>(m.extensions());
        rest.remove(field);
        return new Message(m.cmd(), m.id(), m.portno(), m.msg(), m.date(), rest);
    }

    private static void refused(Message frame, String why) {
        SessionException e = assertThrows(SessionException.class, () -> {
            switch (frame.cmd()) {
                case GROUP_MSG -> GroupFrames.parseMessage(frame);
                case GROUP_HAVE -> GroupFrames.parseHave(frame);
                default -> GroupFrames.parseRoster(frame);
            }
        });
        assertTrue(e.getMessage().startsWith("malformed " + frame.cmd()), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }
}
