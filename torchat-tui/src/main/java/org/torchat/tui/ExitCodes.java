package org.torchat.tui;

import org.torchat.protocol.text.TerminalText;
import picocli.CommandLine;

/**
 * The one place where failures become exit codes: 0 success, 1 the daemon refused or something else failed,
 * 2 bad command line (as picocli's own usage errors), 3 the daemon cannot be reached, 4 the daemon wants its
 * control token, or refused the one sent.
 */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    public static final int UNREACHABLE = 3;
    public static final int AUTHENTICATION = 4;

    private ExitCodes() {}

    public static int of(TorchatException e) {
        if (e instanceof UsageException) {
            return USAGE;
        }
        if (e instanceof DaemonUnreachableException) {
            return UNREACHABLE;
        }
        if (e instanceof AuthenticationException) {
            return AUTHENTICATION;
        }
        if (e instanceof DaemonRefusedException || e instanceof ClientFailureException) {
            return FAILURE;
        }
        throw new IllegalStateException("no exit code for " + e.getClass().getName());
    }

    /** picocli's execution exception handler: one line on stderr, then the exit code. */
    public static CommandLine.IExecutionExceptionHandler handler() {
        return (e, commandLine, parseResult) -> {
            if (e instanceof TorchatException t) {
                // An ERR text may relay what a peer sent: one safe line.
                commandLine.getErr().println("torchat: " + TerminalText.oneLine(String.valueOf(t.getMessage())));
                commandLine.getErr().flush();
                return of(t);
            }
            commandLine.getErr().println("torchat: unexpected failure: " + TerminalText.oneLine(e.toString()));
            commandLine.getErr().flush();
            return FAILURE;
        };
    }
}
