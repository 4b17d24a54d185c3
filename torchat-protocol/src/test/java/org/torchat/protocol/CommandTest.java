package org.torchat.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandTest {

    @ParameterizedTest
    @EnumSource(Command.class)
    void everyCommandIsFoundByItsWireName(Command command) {
        assertEquals(Optional.of(command), Command.fromWire(command.name()));
    }

    @Test
    void wireNamesAreTheSeedsSpellingsPlusTheDocumentedExtensions() {
        Set<String> names = Stream.of(Command.values()).map(Command::name).collect(Collectors.toSet());

        assertEquals(
                Set.of(
                        "SEND",
                        "RECV",
                        "UPDATE",
                        "GET_PEERS",
                        "HISTORY",
                        "HOST",
                        "END",
                        "ERR",
                        "EXIT",
                        "FILEUP",
                        "FILEBEGIN",
                        "FILEDATA",
                        "FILEEND",
                        "STATUS",
                        "CONTACTS",
                        "ADD_CONTACT",
                        "RENAME",
                        "REMOVE_CONTACT",
                        "BLOCK",
                        "UNBLOCK",
                        "REQUESTS",
                        "ACCEPT",
                        "TRANSFERS",
                        "FILEACCEPT",
                        "FILEREJECT",
                        "SESSION",
                        "PING",
                        "PRESENCE",
                        "ACTIVITY",
                        "BACKUP",
                        "EXPORT",
                        "SEARCH",
                        "UNLOCK",
                        "LOCK",
                        "GROUP_CREATE",
                        "GROUPS",
                        "GROUP_MEMBERS",
                        "GROUP_INVITE",
                        "GROUP_INVITES",
                        "GROUP_JOIN",
                        "GROUP_DECLINE",
                        "GROUP_LEAVE",
                        "GROUP_REMOVE",
                        "GROUP_SEND",
                        "GROUP_HISTORY",
                        "GROUP_READ",
                        "GROUP_MUTE",
                        "GROUP_ROSTER",
                        "GROUP_HAVE",
                        "GROUP_MSG"),
                names);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"FOO", "host", "Host", "get_peers", " HOST", "HOST ", "GET-PEERS"})
    void unknownOrMisspelledNameIsEmpty(String wire) {
        assertEquals(Optional.empty(), Command.fromWire(wire));
    }

    @Test
    void onlyEndAndErrAreReplies() {
        Set<Command> replies = EnumSet.noneOf(Command.class);
        for (Command c : Command.values()) {
            if (c.isReply()) {
                replies.add(c);
            }
        }

        assertEquals(EnumSet.of(Command.END, Command.ERR), replies);
    }
}
