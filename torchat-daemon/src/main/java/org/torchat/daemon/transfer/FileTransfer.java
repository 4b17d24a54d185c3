package org.torchat.daemon.transfer;

import java.time.Clock;
import java.util.Map;
import org.torchat.daemon.config.Settings;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.StreamingHandler;
import org.torchat.daemon.store.ChangeSignal;
import org.torchat.daemon.store.Contacts;
import org.torchat.daemon.store.Transfers;
import org.torchat.protocol.Command;
import org.torchat.protocol.onion.OnionAddress;

/**
 * The file-transfer feature as the daemon wires it: its client commands, its peer command, and the sender that
 * runs in the background. One per daemon.
 */
public final class FileTransfer {
    private final Map<Command, CommandHandler> clientCommands;
    private final Map<Command, StreamingHandler> clientStreams;
    private final Map<Command, StreamingHandler> peerStreams;
    /** Wakes offers held for our user's answer; closed on shutdown so that they end at once. */
    private final ChangeSignal decisions = new ChangeSignal();

    public FileTransfer(
            OnionAddress self,
            Settings settings,
            Transfers transfers,
            Contacts contacts,
            Spool spool,
            FileSender sender,
            Clock clock) {
        SpoolQuota quota = new SpoolQuota(transfers, settings.spoolQuota());
        this.clientCommands = Map.of(
                Command.TRANSFERS, new TransfersHandler(transfers),
                Command.FILEACCEPT, new FileDecisionHandler(transfers, quota, decisions, true, clock),
                Command.FILEREJECT, new FileDecisionHandler(transfers, quota, decisions, false, clock));
        this.clientStreams = Map.of(
                Command.FILEUP,
                new FileUpHandler(self, transfers, contacts, spool, quota, settings.fileMaxSize(), sender, clock));
        this.peerStreams = Map.of(
                Command.FILEBEGIN,
                new FileBeginHandler(
                        self,
                        transfers,
                        spool,
                        quota,
                        new AcceptancePolicy(
                                settings.fileAccept(), settings.fileAutoAcceptMax(), settings.strangers(), contacts),
                        settings.fileMaxSize(),
                        decisions,
                        clock));
    }

    /** Ends every offer held for our user's answer, now and later: the daemon is shutting down. */
    public void stopWaiting() {
        decisions.close();
    }

    public Map<Command, CommandHandler> clientCommands() {
        return clientCommands;
    }

    public Map<Command, StreamingHandler> clientStreams() {
        return clientStreams;
    }

    public Map<Command, StreamingHandler> peerStreams() {
        return peerStreams;
    }
}
