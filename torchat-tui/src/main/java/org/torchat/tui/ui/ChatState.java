package org.torchat.tui.ui;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.torchat.protocol.onion.InvalidOnionAddressException;
import org.torchat.tui.daemon.ContactEntry;
import org.torchat.tui.daemon.HistoryEntry;
import org.torchat.tui.daemon.IncomingMessage;
import org.torchat.tui.daemon.SearchMatch;
import org.torchat.tui.daemon.TransferEntry;

/**
 * Everything the client shows, and nothing about how, coordinated: the {@link PeerList}, one {@link Conversation}
 * per peer ({@link Conversations}), the {@link ContactBook}, the {@link RequestSection}, the
 * {@link NewMessagesMarker}, the input line ({@link LineEditor}) and the mode it is in. No Lanterna, no threads: it
 * lives on the UI thread, and tests drive it directly.
 */
public final class ChatState {
    /** What Enter (and the arrow keys) do. */
    public enum Mode {
        /** Enter sends the line to the current peer or runs a /command. */
        CHAT,
        /** The input line asks for an onion address ({@link #ASK_PEER_PROMPT}). */
        ASK_PEER,
        /** Up/Down move through the peer list, Enter chooses, Space asks for a new address. */
        SELECT_PEER,
        /** The chat pane lists what /search found: Up/Down choose, Enter jumps to it, Esc returns. */
        SEARCH
    }

    /** The commands, from the one table that /help and dispatch read too. */
    public static final List<String> COMMANDS = TabCompletion.COMMANDS;

    public static final String ASK_PEER_PROMPT = "Onion Address: ";
    public static final String SEARCH_PROMPT = "Search results: Up/Down choose, Enter jumps to it, Esc returns";
    /** The line above the first message that was unread when the conversation was opened. */
    public static final String NEW_MESSAGES = "--- new messages ---";

    public static final String SELECT_PEER_PROMPT =
            "Choose a peer: Up/Down, Enter selects, Space for a new address, Esc cancels";
    static final int MAX_HISTORY = LineEditor.MAX_HISTORY;

    private final String ownAddress;
    private final PeerList peers = new PeerList();
    private final Conversations conversations = new Conversations();
    private final ContactBook contacts = new ContactBook();
    private final RequestSection requests = new RequestSection();
    private final GroupBook groups = new GroupBook();
    private final NewMessagesMarker newMessages = new NewMessagesMarker();
    /** The input line, edited on the UI thread like the rest. */
    private final LineEditor editor = new LineEditor();
    /** The file transfers below each conversation. */
    private final TransferLines transfers = new TransferLines();
    /** What the last /search found, shown while in {@link Mode#SEARCH}. */
    private SearchResults search;
    /** The match Enter jumped to: its peer, and its key, until the history that holds it arrives. */
    private String jumpPeer;

    private String jumpKey;
    private Mode mode;
    private int scrollOffset;
    private String daemonProblem;
    private String torStatus;

    private ChatState(String ownAddress) {
        this.ownAddress = ownAddress;
    }

    /**
     * The state right after connecting: with peers that have unread messages, the first becomes current;
     * without, the input line asks for an onion address.
     */
    public static ChatState start(String ownAddress, List<String> peersWithUnread) {
        ChatState s = new ChatState(ownAddress);
        peersWithUnread.forEach(s::addPeer);
        if (s.peers.isEmpty()) {
            s.mode = Mode.ASK_PEER;
        } else {
            s.selectPeer(s.peers.peers().get(0));
        }
        return s;
    }

    // ---------------------------------------------------------------- queries

    public String ownAddress() {
        return ownAddress;
    }

    public List<String> peers() {
        return peers.peers();
    }

    public Optional<String> currentPeer() {
        return peers.current();
    }

    public Mode mode() {
        return mode;
    }

    /** Index into {@link #peers()} of the highlighted peer while choosing one. */
    public int selection() {
        return peers.selection();
    }

    /** The input line. */
    LineEditor editor() {
        return editor;
    }

    public String input() {
        return editor.text();
    }

    public int cursor() {
        return editor.cursor();
    }

    public String prompt() {
        return switch (mode) {
            case CHAT -> "";
            case ASK_PEER -> ASK_PEER_PROMPT;
            case SELECT_PEER -> SELECT_PEER_PROMPT;
            case SEARCH -> SEARCH_PROMPT;
        };
    }

    /**
     * The lines of the current peer's conversation, then its file transfers and any upload in progress, or the
     * console's lines when there is no current peer.
     */
    public List<String> visibleBuffer() {
        return visibleLines().stream().map(Line::text).toList();
    }

    /** {@link #visibleBuffer()} with the role of each part, for the renderer's colours. */
    List<Line> visibleLines() {
        if (mode == Mode.SEARCH && search != null) {
            return search.lines(this::displayName);
        }
        Optional<String> current = peers.current();
        if (current.isEmpty()) {
            return Collections.unmodifiableList(conversations.console().lines());
        }
        List<Line> lines = conversations.of(current.get()).lines();
        lines.addAll(transfers.lines(current.get()));
        return Collections.unmodifiableList(lines);
    }

    public List<String> bufferOf(String peer) {
        return conversations
                .existing(peer)
                .map(c -> c.lines().stream().map(Line::text).toList())
                .orElse(List.of());
    }

    public int unread(String peer) {
        return peers.unread(peer);
    }

    /** Unread messages over all peers, for the status line and the terminal's title. */
    public int unreadTotal() {
        return peers.unreadTotal();
    }

    /** Lines scrolled back from the bottom of the visible buffer (0: following the conversation). */
    public int scrollOffset() {
        return scrollOffset;
    }

    /** Why the daemon cannot be reached right now, or empty. */
    public Optional<String> daemonProblem() {
        return Optional.ofNullable(daemonProblem);
    }

    /** The daemon's last STATUS line (Tor's state), or empty before the first. */
    public Optional<String> torStatus() {
        return Optional.ofNullable(torStatus);
    }

    public List<String> history() {
        return editor.history();
    }

    /** Strangers who wrote to us, oldest first. */
    public List<ContactEntry> requests() {
        return requests.list();
    }

    /** How the peer is shown: its nickname, else its address. */
    /** {@code *} online, {@code ~} away, a space otherwise (docs/TUI.md). */
    public String presenceMark(String peer) {
        return contacts.presenceMark(peer);
    }

    public String displayName(String peer) {
        return GroupBook.isGroup(peer) ? groups.displayName(peer) : contacts.displayName(peer);
    }

    // ---------------------------------------------------------------- groups

    GroupBook groups() {
        return groups;
    }

    /**
     * The daemon's groups: those we take part in or are invited to get a conversation in the groups section, the
     * others leave it. Returns the invitations that are new.
     */
    public List<org.torchat.tui.daemon.GroupEntry> setGroups(List<org.torchat.tui.daemon.GroupEntry> latest) {
        List<org.torchat.tui.daemon.GroupEntry> invited = groups.set(latest);
        List<String> listed = groups.listedKeys();
        for (String key : List.copyOf(peers.peers())) {
            if (GroupBook.isGroup(key) && !listed.contains(key)) {
                peers.removeGroup(key);
            }
        }
        listed.forEach(this::addPeer);
        return invited;
    }

    /** How an author is named in a group: our nickname for it, else the start of its address (not a contact). */
    public String authorName(String address) {
        if (address.equals(ownAddress)) {
            return "me";
        }
        String name = contacts.displayName(address);
        return name.equals(address) ? address.substring(0, Math.min(12, address.length())) + "\u2026" : name;
    }

    /**
     * A group message popped from the daemon: shown in its group's conversation as {@code [HH:MM] author: text},
     * counted unread unless the group is muted (then it is only there when the conversation is opened).
     */
    public void appendGroupPost(org.torchat.tui.daemon.GroupPost post, String time) {
        String key = GroupBook.key(post.groupId());
        IncomingMessage m = new IncomingMessage(key, time, authorName(post.author()) + ": " + post.text(), true);
        if (groups.muted(key)) {
            addPeer(key);
            conversations.appendIncoming(m, false);
        } else {
            appendIncoming(m);
        }
    }

    /** A group's stored messages as its conversation shows them: ours plain, the others' with their author. */
    public List<HistoryEntry> groupHistory(List<org.torchat.tui.daemon.GroupPost> posts) {
        return posts.stream()
                .map(p -> p.author().equals(ownAddress)
                        ? new HistoryEntry(p.date(), false, "", p.text(), null, true)
                        : new HistoryEntry(p.date(), true, "", authorName(p.author()) + ": " + p.text(), null, true))
                .toList();
    }

    // ---------------------------------------------------------------- search

    /** What /search found: the chat pane lists it (newest at the bottom, chosen) until Enter or Esc. */
    public void showSearch(String query, boolean everywhere, List<SearchMatch> matches) {
        search = new SearchResults(query, everywhere, matches);
        mode = Mode.SEARCH;
        scrollOffset = 0;
    }

    /** Up/Down among the matches; the view scrolls to keep the chosen one on screen. */
    public void moveSearchSelection(int delta) {
        if (mode == Mode.SEARCH && search != null) {
            search.move(-delta); // the list is drawn newest at the bottom: Up is an older match
            scrollOffset = Math.max(0, search.linesBelowSelection() - 5);
        }
    }

    /**
     * Enter on a match: its conversation becomes current and, once its history holds the match, the view is
     * scrolled to it. Returns how many messages of history that takes, or empty when nothing is chosen.
     */
    public Optional<UiAction.LoadHistory> jumpToSearchSelection() {
        if (mode != Mode.SEARCH || search == null || search.selected().isEmpty()) {
            return Optional.empty();
        }
        SearchMatch m = search.selected().get();
        if (m.newer() >= InputHandler.MAX_HISTORY) {
            notice("! that message is older than the last " + InputHandler.MAX_HISTORY
                    + " of its conversation: torchat search shows it with its date");
            return Optional.empty();
        }
        mode = Mode.CHAT;
        selectPeer(m.peer());
        jumpPeer = m.peer();
        jumpKey = HistoryLines.key(m.entry());
        return Optional.of(new UiAction.LoadHistory(
                m.peer(),
                Math.min(InputHandler.MAX_HISTORY, Math.max(DaemonWorker.DEFAULT_HISTORY, m.newer() + 1 + 20))));
    }

    // ---------------------------------------------------------------- file transfers

    /**
     * The daemon's transfers as TRANSFERS lists them now. A new offer to us makes its peer appear in the list and
     * counts as unread there, like a message.
     */
    public void setTransfers(List<TransferEntry> latest) {
        transfers.update(latest).forEach(t -> countIncoming(t.peer()));
    }

    /** A file going to the daemon for {@code peer}: one line with a progress bar, gone when {@code done}. */
    public void setUpload(String peer, String name, long sent, long total, boolean done) {
        transfers.upload(peer, name, sent, total, done);
    }

    /**
     * The incoming offers that wait for an answer: those whose id starts with {@code prefix}, or, with an empty
     * prefix, those of the current peer.
     */
    public List<TransferEntry> offersAwaitingAnswer(String prefix) {
        return transfers.awaitingAnswer(prefix, peers.current().orElse(null));
    }

    // ---------------------------------------------------------------- contacts and requests

    /**
     * The daemon's contact list: contacts join the peer list (blocked ones only if already there), and every
     * nickname is shown instead of its address.
     */
    public void setContacts(List<ContactEntry> entries) {
        contacts.set(entries).forEach(this::addPeer);
    }

    /** Whether {@code peer} is one of our contacts (the bell can be for contacts only). */
    public boolean isContact(String peer) {
        return contacts.isContact(peer);
    }

    public void setRequests(List<ContactEntry> pending) {
        requests.set(pending);
    }

    /**
     * What the user typed for a peer, as an address: a contact's nickname (any letter case) or an onion address.
     * Throws with the reason when it is neither.
     */
    public String resolvePeer(String text) throws InvalidOnionAddressException {
        return contacts.resolve(text);
    }

    // ---------------------------------------------------------------- peers

    /** Adds {@code peer} to the list if it is new; returns its index. */
    public int addPeer(String peer) {
        conversations.of(peer);
        return peers.add(peer);
    }

    /** Makes {@code peer} the current one (adding it if new), marks its messages read, back to chatting. */
    public void selectPeer(String peer) {
        Optional<String> before = peers.current();
        if (!before.equals(Optional.of(peer))) {
            before.ifPresent(p -> {
                newMessages.left(p);
                conversations.of(p).dropNewMessagesLine();
            });
            newMessages.opened(peer, peers.unread(peer));
        }
        addPeer(peer);
        peers.makeCurrent(peer);
        mode = Mode.CHAT;
        scrollOffset = 0;
    }

    /** {@code /peer}: choose among the known peers, or ask for an address when there are none. */
    public void beginPeerSelection() {
        if (peers.isEmpty()) {
            askForPeer();
            return;
        }
        mode = Mode.SELECT_PEER;
        peers.highlightCurrent();
    }

    public void moveSelection(int delta) {
        if (mode == Mode.SELECT_PEER) {
            peers.moveSelection(delta);
        }
    }

    public void chooseSelection() {
        if (mode == Mode.SELECT_PEER && !peers.isEmpty()) {
            selectPeer(peers.selected());
        }
    }

    /** The input line asks for an onion address. */
    public void askForPeer() {
        mode = Mode.ASK_PEER;
    }

    /** Esc: back to chatting with the current peer, if there is one (or to the console from search results). */
    public void cancel() {
        boolean hasPeer = peers.current().isPresent();
        if (hasPeer || mode == Mode.SEARCH) {
            mode = !hasPeer && mode == Mode.SEARCH ? Mode.ASK_PEER : Mode.CHAT;
            scrollOffset = 0;
        }
    }

    // ---------------------------------------------------------------- conversations

    /** A line the user sent, shown as typed. */
    public void appendOwn(String peer, String text) {
        conversations.appendOwn(peer, text);
        if (peers.isCurrent(peer)) {
            scrollOffset = 0;
        }
    }

    /** A message popped from the daemon, shown as {@code [HH:MM] text} in its sender's conversation. */
    public void appendIncoming(IncomingMessage m) {
        addPeer(m.peer());
        boolean firstUnseen = !peers.isCurrent(m.peer()) && peers.unread(m.peer()) == 0;
        conversations.appendIncoming(m, firstUnseen);
        peers.countIncoming(m.peer());
    }

    /** Whether {@code peer}'s conversation shows its stored history: an unsigned new message is shown by re-reading it. */
    public boolean showsHistory(String peer) {
        return conversations.existing(peer).map(Conversation::showsHistory).orElse(false);
    }

    /** A message from {@code peer} that will appear with the re-read history: counted unread unless current. */
    public void countIncoming(String peer) {
        addPeer(peer);
        peers.countIncoming(peer);
    }

    /** A note from the client itself, in the conversation on screen. */
    public void notice(String text) {
        conversations.notice(peers.current().orElse(null), text);
    }

    /** A note about one peer's conversation (a failed SEND), in that peer's conversation. */
    public void notice(String peer, String text) {
        conversations.notice(peer, text);
    }

    public void scrollBack(int lines) {
        scrollOffset = Math.min(visibleBuffer().size(), scrollOffset + lines);
    }

    public void scrollForward(int lines) {
        scrollOffset = Math.max(0, scrollOffset - lines);
    }

    public void setDaemonProblem(String problem) {
        daemonProblem = problem;
    }

    public void setTorStatus(String line) {
        torStatus = line;
    }

    /**
     * The stored conversation with {@code peer} (HISTORY, oldest first) replaces what its conversation shows: each
     * message with its time, ours with {@code >} and their delivery status, theirs marked when unsigned.
     */
    public void showHistory(String peer, List<HistoryEntry> entries) {
        addPeer(peer);
        boolean current = peers.isCurrent(peer);
        String match = peer.equals(jumpPeer) ? jumpKey : null;
        Conversation c = conversations.of(peer);
        c.showHistory(entries, newMessages.keyFor(peer, entries, current), match);
        if (current) {
            scrollOffset = Math.min(scrollOffset, c.size());
        }
        int at = match == null ? -1 : c.lastIndexOf(Role.MATCH);
        if (at >= 0 && current) {
            scrollOffset = Math.max(0, c.size() - at - 3); // the match a few lines above the bottom
            jumpPeer = null;
        }
    }

    /**
     * What to read to bring the current conversation's delivery marks up to date: its peer and how many of the
     * newest messages (HISTORY), or empty when none of ours there is still queued.
     */
    public Optional<UiAction.LoadHistory> pendingMarks() {
        return peers.current().flatMap(p -> {
            int span = conversations.of(p).pendingSpan();
            return span == 0
                    ? Optional.empty()
                    : Optional.of(new UiAction.LoadHistory(p, Math.min(InputHandler.MAX_HISTORY, span)));
        });
    }

    /** The newest messages with {@code peer} as HISTORY reads them now: our messages' marks follow them. */
    public void updateMarks(String peer, List<HistoryEntry> latest) {
        conversations.existing(peer).ifPresent(c -> c.updateStatus(latest));
    }

    // ---------------------------------------------------------------- input line

    /** Tab: completes a /command, a peer after a command that takes one, or an address at the address prompt. */
    public void complete() {
        if (mode == Mode.SELECT_PEER || mode == Mode.SEARCH) {
            return;
        }
        List<String> names = new ArrayList<>(new TreeSet<>(contacts.nicknames()));
        names.addAll(peers.peers());
        requests.addresses().stream().filter(a -> !names.contains(a)).forEach(names::add);
        TabCompletion.complete(editor, mode == Mode.ASK_PEER, names, this::notice);
    }
}
