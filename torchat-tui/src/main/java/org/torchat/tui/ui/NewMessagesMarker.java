package org.torchat.tui.ui;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.torchat.tui.daemon.HistoryEntry;

/**
 * Where the "new messages" line goes in each conversation: above the first message that was unread when it was
 * opened. Kept as that message's key, because the history is read again while the conversation is open.
 */
final class NewMessagesMarker {
    /** Per open peer, the key of its first message that was unread when opened. */
    private final Map<String, String> firstUnread = new HashMap<>();
    /** Per peer, the unread count when it was opened, until its history shows where the line goes. */
    private final Map<String, Integer> unreadAtOpen = new HashMap<>();

    /** {@code peer} was opened with {@code waiting} unread messages. */
    void opened(String peer, int waiting) {
        if (waiting > 0) {
            unreadAtOpen.put(peer, waiting);
        }
    }

    /** {@code peer} was left: read now, so no line when it is opened again. */
    void left(String peer) {
        firstUnread.remove(peer);
        unreadAtOpen.remove(peer);
    }

    /** Which of {@code entries} (the current peer's history) the line goes above, or null for none. */
    String keyFor(String peer, List<HistoryEntry> entries, boolean current) {
        Integer waiting = unreadAtOpen.remove(peer);
        if (waiting != null && current) {
            int seen = 0;
            for (int i = entries.size() - 1; i >= 0; i--) {
                if (entries.get(i).incoming() && ++seen == waiting) {
                    firstUnread.put(peer, HistoryLines.key(entries.get(i)));
                    break;
                }
            }
        }
        return firstUnread.get(peer);
    }
}
