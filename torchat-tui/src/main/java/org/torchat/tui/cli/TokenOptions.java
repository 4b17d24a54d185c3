package org.torchat.tui.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.torchat.tui.UsageException;
import org.torchat.tui.daemon.ControlToken;
import picocli.CommandLine.Option;

/** {@code --token-file} and {@code --data-dir}: where the daemon's control token comes from. */
public final class TokenOptions {
    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description = "The daemon's control token: a copy of its DATA_DIR/control.cookie. Needed when the daemon "
                    + "requires the token (control port beyond loopback, or requiretoken) and runs on another "
                    + "machine; on this machine the cookie is read from the data directory.")
    Path tokenFile;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "The daemon's data directory, where torchat finds control.cookie when the daemon runs on "
                    + "this machine (default: $TORCHAT_HOME, else ~/.torchat).")
    Path dataDir;

    /** The token to send to the daemon at {@code host}, if there is one (see {@link ControlToken#find}). */
    public Optional<ControlToken> find(String host) throws UsageException {
        return ControlToken.find(host, tokenFile, dataDir != null ? dataDir : ControlToken.defaultDataDir());
    }
}
