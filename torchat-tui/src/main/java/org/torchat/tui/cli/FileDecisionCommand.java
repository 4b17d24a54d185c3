package org.torchat.tui.cli;

import java.util.concurrent.Callable;
import org.torchat.protocol.FileChunks;
import org.torchat.tui.TorchatException;
import org.torchat.tui.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code torchat accept-file TID} and {@code torchat reject-file TID}: our answer to an incoming file offer. */
public abstract class FileDecisionCommand implements Callable<Integer> {
    @Mixin
    DaemonOptions daemon;

    @Parameters(index = "0", paramLabel = "ID", description = "The offer's transfer id (see 'torchat transfers').")
    String transferId;

    private final boolean accept;

    FileDecisionCommand(boolean accept) {
        this.accept = accept;
    }

    @Override
    public Integer call() throws TorchatException {
        if (!FileChunks.isTransferId(transferId)) {
            throw new UsageException("ID must be a transfer id: 32 lowercase hex digits, got '" + transferId + "'");
        }
        daemon.connect().decideFile(transferId, accept);
        return 0;
    }

    /** {@code torchat accept-file TID}. */
    @Command(
            name = "accept-file",
            mixinStandardHelpOptions = true,
            description = "Accept a file a peer offers (FILEACCEPT); the daemon saves it in its downloads directory.")
    public static final class Accept extends FileDecisionCommand {
        public Accept() {
            super(true);
        }
    }

    /** {@code torchat reject-file TID}. */
    @Command(
            name = "reject-file",
            mixinStandardHelpOptions = true,
            description = "Refuse a file a peer offers (FILEREJECT); the peer is told and stops offering it.")
    public static final class Reject extends FileDecisionCommand {
        public Reject() {
            super(false);
        }
    }
}
