package org.torchat.tui.ui;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The peers in the left pane, in the order they came, their unread counts, the current one and the highlighted one. */
final class PeerList {
    private final List<String> peers = new ArrayList<>();
    private final Map<String, Integer> unread = new HashMap<>();
    private String current;
    private int selection;

    List<String> peers() {
        return Collections.unmodifiableList(peers);
    }

    boolean isEmpty() {
        return peers.isEmpty();
    }

    /** Adds {@code peer} if it is new, peers before groups (their own section below); returns its index. */
    int add(String peer) {
        int i = peers.indexOf(peer);
        if (i >= 0) {
            return i;
        }
        int at = peers.size();
        if (!GroupBook.isGroup(peer)) {
            while (at > 0 && GroupBook.isGroup(peers.get(at - 1))) {
                at--;
            }
        }
        peers.add(at, peer);
        if (current != null && selection >= at && !peers.get(selection).equals(current)) {
            selection = peers.indexOf(current);
        }
        return at;
    }

    /** Forgets a group's conversation in the list (we declined, left or were removed); not the current one. */
    void removeGroup(String key) {
        if (GroupBook.isGroup(key) && !key.equals(current)) {
            peers.remove(key);
            unread.remove(key);
            selection = current == null ? 0 : Math.max(0, peers.indexOf(current));
        }
    }

    Optional<String> current() {
        return Optional.ofNullable(current);
    }

    boolean isCurrent(String peer) {
        return peer.equals(current);
    }

    /** {@code peer} (added if new) becomes current and highlighted; its messages count as read. */
    void makeCurrent(String peer) {
        selection = add(peer);
        current = peer;
        unread.remove(peer);
    }

    int selection() {
        return selection;
    }

    /** Highlights the current peer (or the first) to start choosing. */
    void highlightCurrent() {
        selection = current == null ? 0 : Math.max(0, peers.indexOf(current));
    }

    void moveSelection(int delta) {
        if (!peers.isEmpty()) {
            selection = Math.max(0, Math.min(peers.size() - 1, selection + delta));
        }
    }

    String selected() {
        return peers.get(selection);
    }

    int unread(String peer) {
        return unread.getOrDefault(peer, 0);
    }

    /** A message (or an offer) from {@code peer} arrived: counted unless it is current. */
    void countIncoming(String peer) {
        add(peer);
        if (!isCurrent(peer)) {
            unread.merge(peer, 1, Integer::sum);
        }
    }

    int unreadTotal() {
        return unread.values().stream().mapToInt(Integer::intValue).sum();
    }
}
