package org.torchat.tui.ui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torchat.tui.daemon.TransferEntry;

/**
 * The file transfers the client shows below a conversation: the daemon's (TRANSFERS, by id) and the one file per
 * peer being streamed to the daemon right now, each as one line that follows its progress.
 */
final class TransferLines {
    private final Map<String, TransferEntry> transfers = new LinkedHashMap<>();
    private final Map<String, String> uploads = new HashMap<>();

    /** Takes the daemon's list; returns the offers to us that are new, each to be counted as unread. */
    List<TransferEntry> update(List<TransferEntry> latest) {
        List<TransferEntry> newOffers = new ArrayList<>();
        for (TransferEntry t : latest) {
            TransferEntry before = transfers.put(t.transferId(), t);
            if (before == null && t.awaitsAnswer()) {
                newOffers.add(t);
            }
        }
        return newOffers;
    }

    /** A file going to the daemon for {@code peer}: one line with a progress bar, gone when {@code done}. */
    void upload(String peer, String name, long sent, long total, boolean done) {
        if (done) {
            uploads.remove(peer);
            return;
        }
        int percent = total == 0 ? 100 : (int) (sent * 100 / total);
        uploads.put(
                peer,
                TextLines.sanitize("[file] > " + name + " (" + TransferEntry.humanSize(total) + ") "
                                + TransferEntry.bar(percent) + " to the daemon " + percent + "%")
                        .get(0));
    }

    /** Incoming offers waiting for an answer: those whose id starts with {@code prefix}, else {@code peer}'s. */
    List<TransferEntry> awaitingAnswer(String prefix, String peer) {
        return transfers.values().stream()
                .filter(TransferEntry::awaitsAnswer)
                .filter(t -> prefix.isEmpty()
                        ? t.peer().equals(peer)
                        : t.transferId().startsWith(prefix))
                .toList();
    }

    /** {@code peer}'s transfer lines, then its upload's, coloured by how they stand. */
    List<Line> lines(String peer) {
        List<Line> lines = new ArrayList<>();
        for (TransferEntry t : transfers.values()) {
            if (t.peer().equals(peer)) {
                // one line, whatever the name holds
                lines.add(Line.of(String.join(" ", TextLines.sanitize(t.display())), role(t)));
            }
        }
        if (uploads.containsKey(peer)) {
            lines.add(Line.of(uploads.get(peer), Role.NOTICE));
        }
        return lines;
    }

    private static Role role(TransferEntry t) {
        return switch (t.state()) {
            case "failed", "rejected" -> Role.MARK_FAILED;
            case "delivered", "complete" -> Role.MARK_DELIVERED;
            default -> Role.MARK_PENDING;
        };
    }
}
