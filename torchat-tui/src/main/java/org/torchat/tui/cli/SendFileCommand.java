package org.torchat.tui.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.torchat.tui.ClientFailureException;
import org.torchat.tui.DaemonRefusedException;
import org.torchat.tui.TorchatException;
import org.torchat.tui.UsageException;
import org.torchat.tui.daemon.DaemonApi;
import org.torchat.tui.daemon.TransferEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code torchat send-file ONION PATH [--wait]}: hands a file to the daemon, which sends it in the background. */
@Command(
        name = "send-file",
        mixinStandardHelpOptions = true,
        description = {
            "Send a file to a peer (FILEUP). The file is read here and streamed to the daemon, which",
            "may run on another machine; prints the transfer id once the daemon has it all. The daemon then",
            "offers it to the peer and sends it in the background (see 'torchat transfers')."
        })
public final class SendFileCommand implements Callable<Integer> {
    /** How often --wait asks the daemon how far the transfer got. */
    static final long WAIT_POLL_MILLIS = 500;

    @Mixin
    DaemonOptions daemon;

    @Parameters(index = "0", paramLabel = "PEER", description = "The peer's onion address, or a contact's nickname.")
    String peer;

    @Parameters(index = "1", paramLabel = "PATH", description = "The file to send.")
    Path file;

    @Option(
            names = "--wait",
            description = {
                "Then wait until the peer has the whole file, printing each change",
                "(offered, sending n%%, delivered); exit 1 if it fails or the peer refuses it."
            })
    boolean waitForDelivery;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws TorchatException {
        String named = PeerArgument.parse(peer);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new UsageException(file + " is not a readable file");
        }
        DaemonApi api = daemon.connect();
        String onion = PeerArgument.address(named, api);
        PrintWriter out = spec.commandLine().getOut();
        String tid = api.sendFile(onion, file, (sent, total) -> {});
        out.println(tid);
        out.flush();
        return waitForDelivery ? follow(api, tid, out) : 0;
    }

    private static int follow(DaemonApi api, String tid, PrintWriter out) throws TorchatException {
        String shown = null;
        while (true) {
            TransferEntry t = find(api, tid)
                    .orElseThrow(() -> new ClientFailureException("the daemon no longer lists transfer " + tid));
            String line = "sending".equals(t.state()) ? "sending " + t.percent() + "%" : t.state();
            if (!line.equals(shown)) {
                out.println(line);
                out.flush();
                shown = line;
            }
            if ("delivered".equals(t.state())) {
                return 0;
            }
            if (t.finished()) {
                throw new DaemonRefusedException(
                        "transfer " + tid + " " + t.state() + (t.error() == null ? "" : ": " + t.error()));
            }
            try {
                Thread.sleep(WAIT_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }
    }

    private static Optional<TransferEntry> find(DaemonApi api, String tid) throws TorchatException {
        return api.transfers().stream().filter(t -> t.transferId().equals(tid)).findFirst();
    }
}
