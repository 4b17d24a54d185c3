package org.torchat.daemon;

import picocli.CommandLine;

/** Entry point of {@code torchatd}. The only place that calls {@code System.exit}. */
public final class Torchatd {
    private Torchatd() {}

    public static void main(String[] args) {
        System.exit(TorchatdCommand.commandLine().execute(args));
    }

    /** For tests and embedders: runs the command line and returns the exit code. */
    public static int run(String... args) {
        CommandLine cl = TorchatdCommand.commandLine();
        return cl.execute(args);
    }

    /** As {@link #run(String...)}, with what it prints going to {@code out} and {@code err}. */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cl = TorchatdCommand.commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }
}
