package org.torchat.tui.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import org.torchat.protocol.backup.Passphrases;
import org.torchat.tui.TorchatException;
import org.torchat.tui.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code torchat unlock}: gives a daemon whose history is sealed (sealhistory) the passphrase, so that clients read
 * history until {@code torchat lock} or the daemon stops (docs/SEALING.md). A wrong passphrase is the daemon's ERR and
 * a non-zero exit.
 */
@Command(
        name = "unlock",
        mixinStandardHelpOptions = true,
        description = {
            "Unlock the daemon's sealed history (sealhistory) until it stops or 'torchat lock'.",
            "The passphrase: --passphrase-file, else asked on the terminal (not echoed), else the first",
            "line of standard input when it is not a terminal."
        })
public final class UnlockCommand implements Callable<Integer> {
    @Mixin
    DaemonOptions daemon;

    @Option(
            names = "--passphrase-file",
            paramLabel = "FILE",
            description = "Read the passphrase from the first line of this file.")
    Path passphraseFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws TorchatException {
        char[] passphrase = passphrase();
        try {
            daemon.connect().unlock(passphrase);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        spec.commandLine().getOut().println("unlocked: history is readable until the daemon stops or 'torchat lock'");
        spec.commandLine().getOut().flush();
        return 0;
    }

    private char[] passphrase() throws UsageException {
        try {
            if (passphraseFile == null && System.console() == null) {
                return firstLineOfStandardInput();
            }
            return Passphrases.obtain(
                    passphraseFile, Map.of(), System.console(), "Passphrase for sealed history", false);
        } catch (Passphrases.UnavailableException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static char[] firstLineOfStandardInput() throws UsageException {
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new UsageException("no passphrase: standard input was empty (give --passphrase-file FILE, or "
                        + "run on a terminal)");
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw new UsageException("cannot read the passphrase from standard input: " + e.getMessage());
        }
    }
}
