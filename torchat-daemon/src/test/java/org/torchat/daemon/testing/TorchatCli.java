package org.torchat.daemon.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.torchat.tui.TorchatMain;
import picocli.CommandLine;

/** The client's scripting commands, run in this JVM against real daemons: what a user's shell would see. */
public final class TorchatCli {
    private TorchatCli() {}

    /** What {@code torchat ARGS} did: exit code, stdout, stderr. */
    public record Run(int code, String out, String err) {}

    public static Run torchat(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = TorchatMain.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
