package org.torchat.tui.daemon;

import java.time.Duration;
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
    /** What TRANSFERS lists; FILEUP adds to it. */
    public final List<TransferEntry> transfers = new ArrayList<>();
    /** "peer name" of each file sent. */
    public final List<String> uploaded = new ArrayList<>();
    /** "accept TID" or "reject TID" for each FILEACCEPT / FILEREJECT. */
    public final List<String> decisions = new ArrayList<>();
    /** Every request by command name, in order (GET_PEERS_WAIT for the long poll). */
    public final List<String> requests = new ArrayList<>();
    /** The waits asked for by the long polls. */
    public final List<Duration> waits = new ArrayList<>();
    /** Answers the long poll at once, as a daemon that does not know {@code wait} would. */
    public boolean ignoresWait;
    /** Thrown by every request while set. */
    public TorchatException failure;
    /** Thrown by SEND only while set. */
    public TorchatException sendFailure;
    /** The contact list, by address, in order of adding. */
    public final Map<String, ContactEntry> contactList = new LinkedHashMap<>();
    /** Strangers' requests. */
    public final List<ContactEntry> requestList = new ArrayList<>();
    /** Every contact change asked for, in order. */
    public final List<ContactChange> changes = new ArrayList<>();
    /** Thrown by contact changes only while set. */
    public TorchatException changeFailure;

    public FakeDaemonApi(String self) {
        this.self = self;
    }

    public synchronized void receive(String peer, String time, String text) {
        unread.computeIfAbsent(peer, p -> new ArrayDeque<>()).add(new IncomingMessage(peer, time, text));
        notifyAll();
    }

    /** Requests so far, for assertions from another thread. */
    public synchronized List<String> requestsQuietly() {
        return List.copyOf(requests);
    }

    /** Holds like the daemon: until a message is unread or the wait has passed (releases the lock meanwhile). */
    @Override
    public synchronized List<String> awaitPeersWithUnread(Duration wait) throws TorchatException {
        requests.add("GET_PEERS_WAIT");
        waits.add(wait);
        check();
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (!ignoresWait && failure == null && peersWithUnreadQuietly().isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.torchat.tui.ClientFailureException("interrupted", e);
        }
        check();
        return peersWithUnreadQuietly();
    }

    /** Peers with unread messages, for assertions. */
    public synchronized List<String> peersWithUnreadQuietly() {
        return unread.entrySet().stream()
                .filter(e -> !e.getValue().isEmpty())
                .map(Map.Entry::getKey)
                .toList();
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
        requests.add("GET_PEERS");
        check();
        return unread.entrySet().stream()
                .filter(e -> !e.getValue().isEmpty())
                .map(Map.Entry::getKey)
                .toList();
    }

    @Override
    public synchronized Optional<IncomingMessage> popUnread(String peer) throws TorchatException {
        requests.add("UPDATE");
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
        history.add(new HistoryEntry("2026-11-25 19:00", false, "queued", text, null));
    }

    @Override
    public synchronized String status() throws TorchatException {
        requests.add("STATUS");
        if (failure != null) {
            throw failure;
        }
        return "tor ready, onion service published";
    }

    @Override
    public synchronized List<HistoryEntry> history(String peer, int n) throws TorchatException {
        requests.add("HISTORY");
        if (failure != null) {
            throw failure;
        }
        return List.copyOf(history.subList(Math.max(0, history.size() - n), history.size()));
    }

    /** Per peer, the messages SEARCH looks through (newest last); searching matches substrings, ignoring case. */
    public final Map<String, List<HistoryEntry>> searchable = new LinkedHashMap<>();

    @Override
    public synchronized List<SearchMatch> search(String peer, String text, int limit) throws TorchatException {
        if (failure != null) {
            throw failure;
        }
        List<SearchMatch> out = new ArrayList<>();
        for (Map.Entry<String, List<HistoryEntry>> e : searchable.entrySet()) {
            if (peer != null && !peer.equals(e.getKey())) {
                continue;
            }
            List<HistoryEntry> list = e.getValue();
            for (int i = list.size() - 1; i >= 0; i--) {
                if (list.get(i)
                        .text()
                        .toLowerCase(java.util.Locale.ROOT)
                        .contains(text.toLowerCase(java.util.Locale.ROOT))) {
                    out.add(new SearchMatch(e.getKey(), list.get(i), list.size() - 1 - i));
                }
            }
        }
        return out.subList(0, Math.min(limit, out.size()));
    }

    public static ContactEntry contact(String address, String nickname) {
        return new ContactEntry(address, nickname, "contact", 0, null, false, 0, true, null);
    }

    public static ContactEntry request(String address, String firstMessage) {
        return new ContactEntry(address, null, "request", 1, 1764097020000L, false, 0, true, firstMessage);
    }

    @Override
    public synchronized List<ContactEntry> contacts() throws TorchatException {
        requests.add("CONTACTS");
        check();
        return List.copyOf(contactList.values());
    }

    @Override
    public synchronized List<ContactEntry> requests() throws TorchatException {
        requests.add("REQUESTS");
        check();
        return List.copyOf(requestList);
    }

    /** Applies the change as the daemon would, for the cases the UI tests need; a nickname stands for its address. */
    @Override
    public synchronized ContactEntry changeContact(ContactChange change) throws TorchatException {
        requests.add(change.kind().command().name());
        check();
        if (changeFailure != null) {
            throw changeFailure;
        }
        changes.add(change);
        String address = contactList.values().stream()
                .filter(c -> change.peer().equalsIgnoreCase(c.nickname()))
                .map(ContactEntry::address)
                .findFirst()
                .orElse(change.peer());
        ContactEntry old = contactList.getOrDefault(address, contact(address, null));
        ContactEntry after = switch (change.kind()) {
            case ADD, ACCEPT, RENAME -> contact(address, change.nickname());
            case BLOCK, UNBLOCK ->
                new ContactEntry(
                        address,
                        old.nickname(),
                        old.state(),
                        0,
                        null,
                        change.kind() == ContactChange.Kind.BLOCK,
                        0,
                        true,
                        null);
            case REMOVE -> new ContactEntry(address, null, "stranger", 0, null, false, 0, true, null);
        };
        requestList.removeIf(r -> r.address().equals(address));
        if (change.kind() == ContactChange.Kind.REMOVE) {
            contactList.remove(address);
        } else {
            contactList.put(address, after);
        }
        return after;
    }

    @Override
    public synchronized String sendFile(
            String peer, java.nio.file.Path file, org.torchat.protocol.client.FileUpload.Progress progress)
            throws TorchatException {
        requests.add("FILEUP");
        check();
        long size;
        try {
            size = java.nio.file.Files.size(file);
        } catch (java.io.IOException e) {
            throw new org.torchat.tui.ClientFailureException("cannot read " + file + ": " + e.getMessage(), e);
        }
        progress.sent(size, size);
        String tid = String.format("%032x", uploaded.size() + 1);
        uploaded.add(peer + " " + file.getFileName());
        transfers.add(new TransferEntry(
                tid, peer, String.valueOf(file.getFileName()), false, "offered", size, 0, null, null));
        return tid;
    }

    /** The change tokens this fake reports, as a daemon's last long poll would (empty: a daemon without them). */
    public final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public Optional<String> changeToken(String name) {
        return Optional.ofNullable(tokens.get(name));
    }

    @Override
    public synchronized List<TransferEntry> transfers() throws TorchatException {
        requests.add("TRANSFERS");
        check();
        return List.copyOf(transfers);
    }

    @Override
    public synchronized void decideFile(String transferId, boolean accept) throws TorchatException {
        requests.add(accept ? "FILEACCEPT" : "FILEREJECT");
        check();
        decisions.add((accept ? "accept " : "reject ") + transferId);
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

    // ---------------------------------------------------------------- groups, as the daemon keeps them

    /** The groups, by id, in order of learning of them. */
    public final Map<String, GroupEntry> groupList = new LinkedHashMap<>();
    /** Every group's stored messages, in order. */
    public final List<GroupPost> groupPosts = new ArrayList<>();
    /** Group messages not yet read (GROUP_READ). */
    public final Deque<GroupPost> groupUnread = new ArrayDeque<>();
    /** "STEP group [argument]" for every group request, in order. */
    public final List<String> groupSteps = new ArrayList<>();

    public static GroupEntry group(String id, String name, String state, int members, String creator) {
        return new GroupEntry(id, name, state, members, 0, false, creator);
    }

    @Override
    public synchronized String createGroup(String name) throws TorchatException {
        check();
        String id = String.format("%032x", groupList.size() + 1);
        groupList.put(id, group(id, name, "member", 1, self));
        groupSteps.add("CREATE " + name);
        return id;
    }

    @Override
    public synchronized List<GroupEntry> groups() throws TorchatException {
        check();
        return List.copyOf(groupList.values());
    }

    @Override
    public synchronized List<GroupMember> groupMembers(String group) throws TorchatException {
        check();
        return List.of(new GroupMember(self, null, true, false));
    }

    @Override
    public synchronized void inviteToGroup(String group, List<String> peers) throws TorchatException {
        check();
        groupSteps.add("INVITE " + group + " " + String.join(" ", peers));
    }

    @Override
    public synchronized String groupStep(org.torchat.protocol.Command step, String group) throws TorchatException {
        check();
        groupSteps.add(step.name() + " " + group);
        GroupEntry g = groupList.get(group);
        if (g != null && step == org.torchat.protocol.Command.GROUP_JOIN) {
            groupList.put(group, new GroupEntry(g.id(), g.name(), "joining", g.members(), 0, false, g.creator()));
        }
        return group;
    }

    @Override
    public synchronized long sendToGroup(String group, String text) throws TorchatException {
        check();
        groupSteps.add("SEND " + group + " " + text);
        groupPosts.add(new GroupPost(group, groupList.get(group).name(), self, text, 0, "2026-12-04 20:00", 1));
        return 1;
    }

    @Override
    public synchronized List<GroupPost> groupHistory(String group, int limit) throws TorchatException {
        check();
        return groupPosts.stream().filter(p -> p.groupId().equals(group)).toList();
    }

    @Override
    public synchronized List<GroupPost> readGroups(int limit) throws TorchatException {
        check();
        List<GroupPost> out = new ArrayList<>(groupUnread);
        groupUnread.clear();
        return out;
    }
}
