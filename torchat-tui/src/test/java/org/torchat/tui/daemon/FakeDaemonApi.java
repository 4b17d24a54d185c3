package org.torchat.tui.daemon;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.torchat.tui.TorchatException;

/** An in-memory daemon for UI tests: unread messages per peer, a record of what was sent, injectable failures. */
public class FakeDaemonApi implements DaemonApi {
    public final String self;
    public final Map<String, Deque<IncomingMessage>> unread = new LinkedHashMap<>();
    public final List<String> sent = new ArrayList<>();
    public final List<HistoryEntry> history = new ArrayList<>();
    public boolean stopped;
    /** Thrown by every request while set. */
    public TorchatException failure;
    /** Thrown by SEND only while set. */
    public TorchatException sendFailure;

    public FakeDaemonApi(String self) {
        this.self = self;
    }

    public synchronized void receive(String peer, String time, String text) {
        unread.computeIfAbsent(peer, p -> new ArrayDeque<>()).add(new IncomingMessage(peer, time, text));
    }

    /** Peers with unread messages, for assertions. */
    public synchronized List<String> peersWithUnreadQuietly() {
        return unread.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }

    @Override
    public String endpoint() {
        return "fake:8000";
    }

    @Override
    public synchronized String host() throws TorchatException {
        check();
        return self;
    }

    @Override
    public synchronized List<String> peersWithUnread() throws TorchatException {
        check();
        return unread.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }

    @Override
    public synchronized Optional<IncomingMessage> popUnread(String peer) throws TorchatException {
        check();
        Deque<IncomingMessage> q = unread.get(peer);
        return Optional.ofNullable(q == null ? null : q.poll());
    }

    @Override
    public synchronized void send(String peer, String text) throws TorchatException {
        check();
        if (sendFailure != null) {
            throw sendFailure;
        }
        sent.add(peer + " " + text);
    }

    @Override
    public synchronized String status() throws TorchatException {
        if (failure != null) {
            throw failure;
        }
        return "tor ready, onion service published";
    }

    @Override
    public synchronized List<HistoryEntry> history(String peer, int n) throws TorchatException {
        if (failure != null) {
            throw failure;
        }
        return List.copyOf(history.subList(Math.max(0, history.size() - n), history.size()));
    }

    @Override
    public synchronized void stop() throws TorchatException {
        check();
        stopped = true;
    }

    private void check() throws TorchatException {
        if (failure != null) {
            throw failure;
        }
    }
}
