package org.torchat.tui.cli;

import org.torchat.tui.UsageException;
import org.torchat.tui.daemon.DaemonApi;
import org.torchat.tui.daemon.DaemonConnection;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --host}, {@code --port} and the control token's options, shared by the scripting subcommands. */
public final class DaemonOptions {
    @Option(
            names = "--host",
            defaultValue = "localhost",
            paramLabel = "HOST",
            description = "Host of the daemon's control port (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(
            names = {"-p", "--port"},
            defaultValue = "8000",
            paramLabel = "PORT",
            description = "The daemon's control port (default: ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    TokenOptions token;

    public DaemonApi connect() throws UsageException {
        return new DaemonConnection(
                host, checkPort(port, "--port"), token.find(host).orElse(null));
    }

    /** A TCP port 1..65535, or a usage error naming {@code what}. */
    public static int checkPort(int port, String what) throws UsageException {
        if (port < 1 || port > 65535) {
            throw new UsageException(what + " must be a port number 1..65535, got " + port);
        }
        return port;
    }
}
