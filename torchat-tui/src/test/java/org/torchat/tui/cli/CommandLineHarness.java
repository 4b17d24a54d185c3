package org.torchat.tui.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterEach;
import org.torchat.tui.FakeDaemonServer;
import org.torchat.tui.TorchatMain;
import picocli.CommandLine;

/** Runs torchat's command line as main would, capturing its output, against a scripted fake daemon. */
abstract class CommandLineHarness {
    protected final StringWriter out = new StringWriter();
    protected final StringWriter err = new StringWriter();
    protected FakeDaemonServer daemon;

    @AfterEach
    void stopFake() throws IOException {
        if (daemon != null) {
            daemon.close();
        }
    }

    /** The exit code {@code torchat args...} returns. */
    protected int run(String... args) {
        CommandLine cl = TorchatMain.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    protected String port() {
        return String.valueOf(daemon.port());
    }
}
