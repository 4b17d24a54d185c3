package org.torchat.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TorchatMainTest {
    @Test
    void theSubcommandNamesAreTheNamesTheirCommandsDeclare() {
        Set<String> declared = TorchatCommand.SUBCOMMANDS.stream()
                .map(c -> c.getAnnotation(CommandLine.Command.class).name())
                .collect(Collectors.toSet());
        assertEquals(TorchatCommand.SUBCOMMANDS.size(), declared.size(), "no name twice");
        assertEquals(declared, TorchatCommand.SUBCOMMAND_NAMES);
    }

    @Test
    void theTerminalClientsCommandLineLeavesTheSubcommandsOutAndEveryOtherHasThemAll() {
        assertTrue(TorchatMain.commandLine("localhost", "8000").getSubcommands().isEmpty());
        assertTrue(TorchatMain.commandLine("--color", "never", "example.org", "8000", "--title")
                .getSubcommands()
                .isEmpty());
        for (String[] args : new String[][] {
            {}, {"--help"}, {"-h"}, {"send", "alice", "hi"}, {"ping", "bob"}, {"-p", "8001", "status"}
        }) {
            assertEquals(
                    TorchatCommand.SUBCOMMANDS.size(),
                    TorchatMain.commandLine(args).getSubcommands().size(),
                    String.join(" ", args));
        }
        assertEquals(
                TorchatCommand.SUBCOMMAND_NAMES,
                TorchatMain.commandLine().getSubcommands().keySet());
    }
}
