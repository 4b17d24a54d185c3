package org.torchat.tui;

import org.torchat.protocol.cli.HelpParagraphs;
import picocli.CommandLine;

/** Entry point of {@code torchat}. The only place that calls {@code System.exit}. */
public final class TorchatMain {
    private TorchatMain() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The whole command line, with the exit-code mapping installed; tests call {@code execute} on it. */
    public static CommandLine commandLine() {
        CommandLine cl = HelpParagraphs.apply(new CommandLine(new TorchatCommand()));
        cl.setExecutionExceptionHandler(ExitCodes.handler());
        return cl;
    }
}
