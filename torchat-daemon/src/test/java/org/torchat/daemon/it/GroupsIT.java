package org.torchat.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchat.daemon.testing.TestDaemon;
import org.torchat.daemon.testing.TorchatCli;
import org.torchat.protocol.Json;

/** Issue 16, the part built so far: groups created and listed through the real daemon and the scripting CLI. */
class GroupsIT {
    @TempDir
    Path tmp;

    private TestDaemon alice;

    @AfterEach
    void stop() {
        if (alice != null) {
            alice.close();
        }
    }

    private TorchatCli.Run torchat(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "-p";
        all[args.length + 1] = String.valueOf(alice.controlPort());
        return TorchatCli.torchat(all);
    }

    @Test
    void aGroupIsCreatedListedAndNamedByItsIdOrItsNameAcrossARestart() throws Exception {
        Path dir = TestDaemon.newDataDir(tmp, "alice");
        alice = TestDaemon.start(dir, "127.0.0.1:9");
        String name = "Friends \ud83c\udf89 \u4e2d\u6587";
        TorchatCli.Run created = torchat("group", "create", name);
        assertEquals(0, created.code(), created.err());
        String id = created.out().strip();
        assertTrue(id.matches("[0-9a-f]{32}"), id);

        alice.close();
        alice = TestDaemon.start(dir, "127.0.0.1:9");
        String self = alice.address().hostname();
        TorchatCli.Run groups = torchat("groups");
        assertEquals(
                List.of(id + "  " + name + "  member  1 member  0 unread"),
                groups.out().lines().toList());
        JsonNode json = Json.MAPPER.readTree(torchat("groups", "--json").out());
        assertEquals(name, json.get(0).get("name").asText());
        assertEquals(self, json.get(0).get("creator").asText());

        String expected = self + "  -  creator";
        assertEquals(
                List.of(expected), torchat("group", "members", id).out().lines().toList(), "by id");
        assertEquals(
                List.of(expected),
                torchat("group", "members", "friends \ud83c\udf89 \u4e2d\u6587")
                        .out()
                        .lines()
                        .toList(),
                "by name, letter case aside");
        JsonNode members =
                Json.MAPPER.readTree(torchat("group", "members", id, "--json").out());
        assertTrue(members.get(0).get("creator").asBoolean());
    }

    @Test
    void badNamesUnknownAndAmbiguousGroupsAreRefusedClearly() throws Exception {
        alice = TestDaemon.start(TestDaemon.newDataDir(tmp, "alice"), "127.0.0.1:9");
        assertRefused(torchat("group", "create", " "), "may not be empty");
        assertRefused(torchat("group", "create", "x".repeat(65)), "at most 64 characters, this has 65");
        assertRefused(torchat("group", "create", "red\u001b[31m"), "control or format characters");
        assertRefused(torchat("group", "create", " padded"), "begin or end with a space");
        assertRefused(torchat("group", "members", "nope"), "'nope' is neither a group's id nor the name of a group");
        assertRefused(torchat("group", "members", "0123456789abcdef0123456789abcdef"), "no group has the id");
        assertEquals(0, torchat("group", "create", "Twice").code());
        assertEquals(0, torchat("group", "create", "twice").code());
        assertRefused(torchat("group", "members", "TWICE"), "2 groups are called 'TWICE': name it by its id");
        assertEquals(2, torchat("group").code(), "a group command needs a subcommand");
        assertEquals(2, torchat("groups").out().lines().count(), "nothing refused was created");
    }

    /** Each group step that cannot be taken is refused with a reason and exit code 1; nothing changes. */
    @Test
    void groupStepsThatCannotBeTakenAreRefusedClearly() throws Exception {
        alice = TestDaemon.start(TestDaemon.newDataDir(tmp, "alice"), "127.0.0.1:9");
        String stranger = org.torchat.protocol.identity.Ed25519Identity.generate()
                .onionAddress()
                .hostname();
        String id = torchat("group", "create", "Mine").out().strip();
        assertRefused(torchat("group", "invite", id, stranger), "is not your contact: only contacts can be invited");
        assertRefused(torchat("group", "invite", id, "not-an-address"), "nor is it a contact's nickname");
        assertRefused(torchat("group", "invite", id, alice.address().hostname()), "is a member of 'Mine' already");
        assertRefused(torchat("group", "join", id), "there is no open invitation to 'Mine': it is member");
        assertRefused(torchat("group", "decline", id), "there is no open invitation");
        assertRefused(torchat("group", "leave", id), "you created 'Mine', so you cannot leave it");
        assertRefused(torchat("group", "remove", id, alice.address().hostname()), "you cannot remove yourself");
        assertRefused(torchat("group", "remove", id, stranger), "neither a member of 'Mine' nor invited to it");
        assertRefused(torchat("group", "mute", id, stranger), "is not a member of 'Mine'");
        assertRefused(torchat("group", "send", "nope", "hello"), "'nope' is neither a group's id nor the name");
        assertEquals(2, torchat("group", "history", id, "0").code(), "N out of range is a usage error");
        assertEquals(2, torchat("group", "send", id).code(), "no text is a usage error");

        // A contact can be invited (again: it hears the invitation when next online).
        alice.client().changeContact(org.torchat.protocol.Command.ADD_CONTACT, stranger, "");
        assertEquals(0, torchat("group", "invite", id, stranger).code());
        assertEquals(0, torchat("group", "invite", id, stranger).code(), "inviting again is no error");

        // Writing, history and muting work on one's own group, and what was refused left no trace.
        assertEquals(
                0, torchat("group", "send", id, "note to self \ud83d\udcdd").code());
        List<String> history = torchat("group", "history", id).out().lines().toList();
        assertEquals(1, history.size(), history.toString());
        assertTrue(history.get(0).endsWith("] me: note to self \ud83d\udcdd"), history.get(0));
        assertEquals(0, torchat("group", "mute", id).code());
        assertTrue(
                alice.client().groups().get(0).extension("muted").orElseThrow().asBoolean());
        assertEquals(0, torchat("group", "mute", id, "--off").code());
        assertEquals(
                1,
                alice.client()
                        .groups()
                        .get(0)
                        .extension("members")
                        .orElseThrow()
                        .asInt());
    }

    /** groupmaxmembers counts members and open invitations; inviting someone again does not count twice. */
    @Test
    void invitationsStopAtGroupmaxmembers() throws Exception {
        alice = TestDaemon.start(TestDaemon.newDataDir(tmp, "alice"), "127.0.0.1:9", "groupmaxmembers: 2");
        String id = torchat("group", "create", "Pair").out().strip();
        List<String> contacts = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String c = org.torchat.protocol.identity.Ed25519Identity.generate()
                    .onionAddress()
                    .hostname();
            alice.client().changeContact(org.torchat.protocol.Command.ADD_CONTACT, c, "");
            contacts.add(c);
        }
        assertEquals(0, torchat("group", "invite", id, contacts.get(0)).code());
        assertEquals(0, torchat("group", "invite", id, contacts.get(0)).code(), "the same invitation again");
        assertRefused(
                torchat("group", "invite", id, contacts.get(1)),
                "'Pair' would have 3 members and invitations; at most 2 (groupmaxmembers)");
        assertEquals(0, torchat("group", "remove", id, contacts.get(0)).code(), "an invitation withdrawn");
        assertEquals(0, torchat("group", "invite", id, contacts.get(1)).code(), "room again");
    }

    private static void assertRefused(TorchatCli.Run run, String why) {
        assertEquals(1, run.code(), run.out());
        assertTrue(run.err().contains(why), run.err());
    }
}
