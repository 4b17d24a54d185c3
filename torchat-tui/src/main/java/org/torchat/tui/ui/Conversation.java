package org.torchat.tui.ui;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.torchat.tui.daemon.HistoryEntry;

/**
 * One conversation as shown: the stored messages last read (HISTORY), drawn by {@link HistoryLines}, then the lines
 * appended since (incoming messages, our typed lines, notices). The stored messages are kept, not just their lines,
 * so that a delivery mark can change in place ({@link #updateStatus}) without reading the conversation again.
 */
final class Conversation {
    static final int MAX_APPENDED_LINES = 10_000;

    private List<HistoryEntry> stored = List.of();
    private List<Line> storedLines = List.of();
    private final List<Line> appended = new ArrayList<>();
    private boolean showsHistory;
    /** Where the "new messages" line goes, and which message a search jumped to (keys of {@link HistoryLines}). */
    private String newMessagesKey;

    private String matchKey;

    /** The stored conversation replaces everything shown; {@code newMessagesKey} and {@code matchKey} may be null. */
    void showHistory(List<HistoryEntry> entries, String newMessagesKey, String matchKey) {
        stored = List.copyOf(entries);
        this.newMessagesKey = newMessagesKey;
        this.matchKey = matchKey;
        storedLines = HistoryLines.styled(stored, newMessagesKey, matchKey);
        appended.clear();
        showsHistory = true;
    }

    /** Whether the stored conversation was read: then an unsigned new message is shown by reading it again. */
    boolean showsHistory() {
        return showsHistory;
    }

    /** Every line, oldest first. */
    List<Line> lines() {
        List<Line> all = new ArrayList<>(storedLines.size() + appended.size());
        all.addAll(storedLines);
        all.addAll(appended);
        return all;
    }

    int size() {
        return storedLines.size() + appended.size();
    }

    /** Appends {@code lines}, every line after the first indented by {@code continuationIndent}. */
    void append(List<Line> lines, String continuationIndent) {
        for (int i = 0; i < lines.size(); i++) {
            appended.add(i == 0 ? lines.get(i) : lines.get(i).prefixed(continuationIndent, Role.PLAIN));
        }
        if (appended.size() > MAX_APPENDED_LINES) {
            appended.subList(0, appended.size() - MAX_APPENDED_LINES).clear();
        }
    }

    void append(Line line) {
        append(List.of(line), "");
    }

    /** The last date line shown (stored or appended), or null. */
    String lastDateLine() {
        List<Line> all = lines();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).spans().stream().anyMatch(s -> s.role() == Role.DATE)) {
                return all.get(i).text();
            }
        }
        return null;
    }

    /** Removes the "new messages" line wherever it is. */
    void dropNewMessagesLine() {
        appended.removeIf(l -> l.text().equals(ChatState.NEW_MESSAGES));
        if (newMessagesKey != null) {
            newMessagesKey = null;
            restyle();
        }
    }

    /** Index (from the top) of the last line with {@code role}, or -1. */
    int lastIndexOf(Role role) {
        List<Line> all = lines();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).spans().stream().anyMatch(s -> s.role() == role)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * How many of the newest messages a HISTORY must read to cover every message of ours still queued, counting
     * what was appended since (it may have moved them further back); 0 when none is queued. Lines we typed and the
     * history does not hold yet count too: the read that follows a SEND goes first (one worker), then this one.
     */
    int pendingSpan() {
        for (int i = 0; i < stored.size(); i++) {
            HistoryEntry e = stored.get(i);
            if (!e.incoming() && "queued".equals(e.status())) {
                return stored.size() - i + appended.size();
            }
        }
        boolean typed = appended.stream().anyMatch(l -> l.roleAt(0) == Role.OWN_TEXT);
        return typed ? appended.size() : 0;
    }

    /**
     * Takes the status (and error) of our messages from {@code latest}, the newest messages as HISTORY reads them
     * now, matched by time and text in order; returns whether a mark changed. Nothing else is read again.
     */
    boolean updateStatus(List<HistoryEntry> latest) {
        Map<String, Deque<HistoryEntry>> byKey = new HashMap<>();
        for (HistoryEntry e : latest) {
            if (!e.incoming()) {
                byKey.computeIfAbsent(HistoryLines.key(e), k -> new ArrayDeque<>())
                        .add(e);
            }
        }
        List<HistoryEntry> updated = new ArrayList<>(stored);
        boolean changed = false;
        for (int i = 0; i < updated.size(); i++) {
            HistoryEntry e = updated.get(i);
            Deque<HistoryEntry> now = e.incoming() ? null : byKey.get(HistoryLines.key(e));
            HistoryEntry fresh = now == null ? null : now.poll();
            if (fresh != null
                    && !(fresh.status().equals(e.status()) && java.util.Objects.equals(fresh.error(), e.error()))) {
                updated.set(i, fresh);
                changed = true;
            }
        }
        if (changed) {
            stored = List.copyOf(updated);
            restyle();
        }
        return changed;
    }

    private void restyle() {
        storedLines = HistoryLines.styled(stored, newMessagesKey, matchKey);
    }
}
