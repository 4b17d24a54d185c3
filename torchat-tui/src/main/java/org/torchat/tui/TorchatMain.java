package org.torchat.tui;

import java.util.Arrays;
import org.torchat.protocol.cli.HelpParagraphs;
import picocli.CommandLine;

/** Entry point of {@code torchat}. The only place that calls {@code System.exit}. */
public final class TorchatMain {
    private TorchatMain() {}

    public static void main(String[] args) {
        System.exit(commandLine(args).execute(args));
    }

    /** The whole command line, with the exit-code mapping installed; tests call {@code execute} on it. */
    public static CommandLine commandLine() {
        return commandLine(true);
    }

    /**
     * The command line {@code args} need: without the subcommands when they start the terminal client (no word of
     * them names a subcommand, and they ask for no help), since building those costs memory the client keeps.
     */
    public static CommandLine commandLine(String... args) {
        return commandLine(args.length == 0
                || Arrays.stream(args)
                        .anyMatch(a ->
                                TorchatCommand.SUBCOMMAND_NAMES.contains(a) || a.equals("-h") || a.equals("--help")));
    }

    private static CommandLine commandLine(boolean withSubcommands) {
        CommandLine cl = new CommandLine(new TorchatCommand());
        if (withSubcommands) {
            for (Class<?> subcommand : TorchatCommand.SUBCOMMANDS) {
                cl.addSubcommand(subcommand);
            }
        }
        cl = HelpParagraphs.apply(cl);
        cl.setExecutionExceptionHandler(ExitCodes.handler());
        return cl;
    }
}
