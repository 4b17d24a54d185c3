package org.torchat.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.torchat.protocol.client.FileUpload;
import org.torchat.tui.TorchatException;
import org.torchat.tui.daemon.ContactChange;
import org.torchat.tui.daemon.ContactEntry;
import org.torchat.tui.daemon.DaemonApi;
import org.torchat.tui.daemon.HistoryEntry;
import org.torchat.tui.daemon.IncomingMessage;
import org.torchat.tui.daemon.SearchMatch;
import org.torchat.tui.daemon.TransferEntry;

/**
 * The real daemon connection, with a switch for {@link TuiLatency}'s "before": with {@code reread} on, UPDATE's
 * {@code verified} is hidden, as from a daemon before issue 14, so the client takes its old path and reads the
 * conversation again for every message. Both paths are then measured in one run, against one daemon.
 */
final class ArrivalPathSwitch implements DaemonApi {
    private final DaemonApi daemon;
    volatile boolean reread;

    ArrivalPathSwitch(DaemonApi daemon) {
        this.daemon = daemon;
    }

    @Override
    public Optional<IncomingMessage> popUnread(String peer) throws TorchatException {
        Optional<IncomingMessage> m = daemon.popUnread(peer);
        return reread ? m.map(i -> new IncomingMessage(i.peer(), i.time(), i.text())) : m;
    }

    @Override
    public String endpoint() {
        return daemon.endpoint();
    }

    @Override
    public String host() throws TorchatException {
        return daemon.host();
    }

    @Override
    public List<String> peersWithUnread() throws TorchatException {
        return daemon.peersWithUnread();
    }

    @Override
    public List<String> awaitPeersWithUnread(Duration wait) throws TorchatException {
        return daemon.awaitPeersWithUnread(wait);
    }

    @Override
    public Optional<String> changeToken(String name) {
        return daemon.changeToken(name);
    }

    @Override
    public void send(String peer, String text) throws TorchatException {
        daemon.send(peer, text);
    }

    @Override
    public List<HistoryEntry> history(String peer, int n) throws TorchatException {
        return daemon.history(peer, n);
    }

    @Override
    public List<SearchMatch> search(String peer, String text, int limit) throws TorchatException {
        return daemon.search(peer, text, limit);
    }

    @Override
    public String status() throws TorchatException {
        return daemon.status();
    }

    @Override
    public List<ContactEntry> contacts() throws TorchatException {
        return daemon.contacts();
    }

    @Override
    public List<ContactEntry> requests() throws TorchatException {
        return daemon.requests();
    }

    @Override
    public ContactEntry changeContact(ContactChange change) throws TorchatException {
        return daemon.changeContact(change);
    }

    @Override
    public String sendFile(String peer, Path file, FileUpload.Progress progress) throws TorchatException {
        return daemon.sendFile(peer, file, progress);
    }

    @Override
    public List<TransferEntry> transfers() throws TorchatException {
        return daemon.transfers();
    }

    @Override
    public void decideFile(String transferId, boolean accept) throws TorchatException {
        daemon.decideFile(transferId, accept);
    }

    @Override
    public void stop() throws TorchatException {
        daemon.stop();
    }
}
