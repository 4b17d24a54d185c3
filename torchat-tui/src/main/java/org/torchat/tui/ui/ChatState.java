package org.torchat.tui.ui;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.torchat.protocol.Nicknames;
import org.torchat.protocol.onion.InvalidOnionAddressException;
import org.torchat.protocol.onion.OnionAddress;
import org.torchat.tui.daemon.ContactEntry;
import org.torchat.tui.daemon.HistoryEntry;
import org.torchat.tui.daemon.IncomingMessage;
import org.torchat.tui.daemon.TransferEntry;

/**
 * Everything the client shows, and nothing about how: the peers, one chat buffer per peer, the current peer,
 * the input line with its cursor and history, and the mode of the input line. No Lanterna, no threads: it
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
    public static final List<String> COMMANDS = SlashCommands.names();
    /** Commands whose first argument is a peer: Tab completes addresses and nicknames there. */
    static final List<String> PEER_COMMANDS = SlashCommands.peerCommands();
    public static final String ASK_PEER_PROMPT = "Onion Address: ";
    public static final String SEARCH_PROMPT = "Search results: Up/Down choose, Enter jumps to it, Esc returns";
    /** The line above the first message that was unread when the conversation was opened. */
    public static final String NEW_MESSAGES = "--- new messages ---";
    public static final String SELECT_PEER_PROMPT =
            "Choose a peer: Up/Down, Enter selects, Space for a new address, Esc cancels";
    static final int MAX_BUFFER_LINES = 10_000;
    static final int MAX_HISTORY = LineEditor.MAX_HISTORY;

    private final String ownAddress;
    private final List<String> peers = new ArrayList<>();
    private final Map<String, List<Line>> buffers = new HashMap<>();
    /** What is shown while there is no current peer. */
    private final List<Line> console = new ArrayList<>();
    private final Map<String, Integer> unread = new HashMap<>();
    /** Address to nickname, from the daemon's contact list. */
    private final Map<String, String> nicknames = new HashMap<>();
    /** Addresses of our contacts (CONTACTS). */
    private final java.util.Set<String> contacts = new java.util.HashSet<>();
    /**
     * Per open peer, the first message that was unread when it was opened: the "new messages" line goes above it.
     * Kept as the message's time and text, because HISTORY is read again while the peer is open.
     */
    private final Map<String, String> firstUnread = new HashMap<>();
    /** Per peer, the unread count when it was opened, until the history shows where the line goes. */
    private final Map<String, Integer> unreadAtOpen = new HashMap<>();
    /** Strangers who wrote to us, with their first message (REQUESTS). */
    private List<ContactEntry> requests = List.of();
    /** What the last /search found, shown while in {@link Mode#SEARCH}. */
    private SearchResults search;
    /** The match Enter jumped to: its peer, and its key, until the history that holds it arrives. */
    private String jumpPeer;
    private String jumpKey;
    private String currentPeer;
    private Mode mode;
    private int selection;

    /** The input line, edited on the UI thread like the rest. */
    private final LineEditor editor = new LineEditor();

    private int scrollOffset;
    private String daemonProblem;
    private String torStatus;
    /** Peers whose buffer shows their stored conversation (HISTORY); new messages re-read it. */
    private final java.util.Set<String> historyShown = new java.util.HashSet<>();
    /** The file transfers below each conversation. */
    private final TransferLines transfers = new TransferLines();

    private ChatState(String ownAddress) {
        this.ownAddress = ownAddress;
    }

    /**
     * The state right after connecting: with peers that have unread messages, the first becomes current;
     * without, the input line asks for an onion address.
     */
    public static ChatState start(String ownAddress, List<String> peersWithUnread) {
        ChatState s = new ChatState(ownAddress);
        for (String p : peersWithUnread) {
            s.addPeer(p);
        }
        if (s.peers.isEmpty()) {
            s.mode = Mode.ASK_PEER;
        } else {
            s.selectPeer(s.peers.get(0));
        }
        return s;
    }

    // ---------------------------------------------------------------- queries

    public String ownAddress() {
        return ownAddress;
    }

    public List<String> peers() {
        return Collections.unmodifiableList(peers);
    }

    public Optional<String> currentPeer() {
        return Optional.ofNullable(currentPeer);
    }

    public Mode mode() {
        return mode;
    }

    /** Index into {@link #peers()} of the highlighted peer while choosing one. */
    public int selection() {
        return selection;
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
        if (currentPeer == null) {
            return Collections.unmodifiableList(console);
        }
        List<Line> lines = new ArrayList<>(buffer(currentPeer));
        lines.addAll(transfers.lines(currentPeer));
        return Collections.unmodifiableList(lines);
    }

    // ---------------------------------------------------------------- search

    /** What /search found: the chat pane lists it (newest at the bottom, chosen) until Enter or Esc. */
    public void showSearch(String query, boolean everywhere, List<org.torchat.tui.daemon.SearchMatch> matches) {
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
        org.torchat.tui.daemon.SearchMatch m = search.selected().get();
        if (m.newer() >= InputHandler.MAX_HISTORY) {
            notice("! that message is older than the last " + InputHandler.MAX_HISTORY
                    + " of its conversation: torchat search shows it with its date");
            return Optional.empty();
        }
        mode = Mode.CHAT;
        selectPeer(m.peer());
        jumpPeer = m.peer();
        jumpKey = HistoryLines.key(m.entry());
        return Optional.of(new UiAction.LoadHistory(m.peer(),
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
        return transfers.awaitingAnswer(prefix, currentPeer);
    }

    public List<String> bufferOf(String peer) {
        return buffers.getOrDefault(peer, List.of()).stream().map(Line::text).toList();
    }

    public int unread(String peer) {
        return unread.getOrDefault(peer, 0);
    }

    /** Unread messages over all peers, for the status line and the terminal's title. */
    public int unreadTotal() {
        return unread.values().stream().mapToInt(Integer::intValue).sum();
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
        return requests;
    }

    /** How the peer is shown: its nickname, else its address. */
    public String displayName(String peer) {
        return nicknames.getOrDefault(peer, peer);
    }

    // ---------------------------------------------------------------- contacts

    /**
     * The daemon's contact list: contacts join the peer list (blocked ones only if already there), and every
     * nickname is shown instead of its address.
     */
    public void setContacts(List<ContactEntry> contacts) {
        nicknames.clear();
        this.contacts.clear();
        for (ContactEntry c : contacts) {
            if ("contact".equals(c.state())) {
                this.contacts.add(c.address());
            }
            if (c.nickname() != null) {
                nicknames.put(c.address(), c.nickname());
            }
            if ("contact".equals(c.state()) && !c.blocked()) {
                addPeer(c.address());
            }
        }
    }

    /** Whether {@code peer} is one of our contacts (the bell can be for contacts only). */
    public boolean isContact(String peer) {
        return contacts.contains(peer);
    }

    public void setRequests(List<ContactEntry> pending) {
        requests = List.copyOf(pending);
    }

    /**
     * What the user typed for a peer, as an address: a contact's nickname (any letter case) or an onion address.
     * Throws with the reason when it is neither.
     */
    public String resolvePeer(String text) throws InvalidOnionAddressException {
        if (!Nicknames.looksLikeAddress(text)) {
            for (Map.Entry<String, String> e : nicknames.entrySet()) {
                if (Nicknames.key(e.getValue()).equals(Nicknames.key(text))) {
                    return e.getKey();
                }
            }
            try {
                OnionAddress.parse(text);
            } catch (InvalidOnionAddressException e) {
                throw new InvalidOnionAddressException(e.getMessage() + "; nor is it a contact's nickname");
            }
        }
        return OnionAddress.parse(text).hostname();
    }

    // ---------------------------------------------------------------- peers

    /** Adds {@code peer} to the list if it is new; returns its index. */
    public int addPeer(String peer) {
        int i = peers.indexOf(peer);
        if (i >= 0) {
            return i;
        }
        peers.add(peer);
        buffers.putIfAbsent(peer, new ArrayList<>());
        return peers.size() - 1;
    }

    /** Makes {@code peer} the current one (adding it if new), marks its messages read, back to chatting. */
    public void selectPeer(String peer) {
        selection = addPeer(peer);
        if (!peer.equals(currentPeer)) {
            if (currentPeer != null) {
                firstUnread.remove(currentPeer); // read now: no line when it is opened again
                unreadAtOpen.remove(currentPeer);
                buffer(currentPeer).removeIf(l -> l.text().equals(NEW_MESSAGES));
            }
            int waiting = unread.getOrDefault(peer, 0);
            if (waiting > 0) {
                unreadAtOpen.put(peer, waiting);
            }
        }
        currentPeer = peer;
        unread.remove(peer);
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
        selection = currentPeer == null ? 0 : Math.max(0, peers.indexOf(currentPeer));
    }

    public void moveSelection(int delta) {
        if (mode != Mode.SELECT_PEER || peers.isEmpty()) {
            return;
        }
        selection = Math.max(0, Math.min(peers.size() - 1, selection + delta));
    }

    public void chooseSelection() {
        if (mode == Mode.SELECT_PEER && !peers.isEmpty()) {
            selectPeer(peers.get(selection));
        }
    }

    /** The input line asks for an onion address. */
    public void askForPeer() {
        mode = Mode.ASK_PEER;
    }

    /** Esc: back to chatting with the current peer, if there is one (or to the console from search results). */
    public void cancel() {
        if (currentPeer != null || mode == Mode.SEARCH) {
            mode = currentPeer == null && mode == Mode.SEARCH ? Mode.ASK_PEER : Mode.CHAT;
            scrollOffset = 0;
        }
    }

    // ---------------------------------------------------------------- buffers

    /** A line the user sent, shown as typed. */
    public void appendOwn(String peer, String text) {
        append(buffer(peer), TextLines.sanitize(text), "", Role.OWN_TEXT);
        if (peer.equals(currentPeer)) {
            scrollOffset = 0;
        }
    }

    /** A message popped from the daemon, shown as {@code [HH:MM] text} in its sender's buffer. */
    public void appendIncoming(IncomingMessage m) {
        addPeer(m.peer());
        if (!m.peer().equals(currentPeer) && unread.getOrDefault(m.peer(), 0) == 0) {
            buffer(m.peer()).removeIf(l -> l.text().equals(NEW_MESSAGES));
            buffer(m.peer()).add(Line.of(NEW_MESSAGES, Role.NEW_MARKER));
        }
        if (showsHistory(m.peer())) {
            addDayLine(buffer(m.peer()), java.time.LocalDate.now().toString());
        }
        String prefix = "[" + TextLines.sanitize(m.time()).get(0) + "] ";
        List<Line> lines = new ArrayList<>();
        for (String text : TextLines.sanitize(m.text())) {
            lines.add(Line.of(text, Role.THEIR_TEXT));
        }
        lines.set(0, lines.get(0).prefixed(prefix, Role.TIMESTAMP));
        if (!m.mark().isEmpty()) {
            lines.set(lines.size() - 1, lines.get(lines.size() - 1).suffixed(m.mark(), Role.WARNING));
        }
        appendLines(buffer(m.peer()), lines, " ".repeat(prefix.length()));
        if (!m.peer().equals(currentPeer)) {
            unread.merge(m.peer(), 1, Integer::sum);
        }
    }

    /** The date line before a message appended to a shown history on a new day, as the history would have it. */
    private static void addDayLine(List<Line> buffer, String day) {
        String line = "--- " + day + " ---";
        for (int i = buffer.size() - 1; i >= 0; i--) {
            if (buffer.get(i).spans().stream().anyMatch(s -> s.role() == Role.DATE)) {
                if (!buffer.get(i).text().equals(line)) {
                    buffer.add(Line.of(line, Role.DATE));
                }
                return;
            }
        }
        buffer.add(Line.of(line, Role.DATE));
    }

    /** Whether {@code peer}'s buffer shows its stored conversation: an unsigned new message is shown by re-reading it. */
    public boolean showsHistory(String peer) {
        return historyShown.contains(peer);
    }

    /** A message from {@code peer} that will appear with the re-read history: counted unread unless current. */
    public void countIncoming(String peer) {
        addPeer(peer);
        if (!peer.equals(currentPeer)) {
            unread.merge(peer, 1, Integer::sum);
        }
    }

    /** A note from the client itself, in the buffer on screen. */
    public void notice(String text) {
        append(currentPeer == null ? console : buffer(currentPeer), TextLines.sanitize(text), "", noticeRole(text));
    }

    /** A note about one peer's conversation (a failed SEND), in that peer's buffer. */
    public void notice(String peer, String text) {
        append(buffer(peer), TextLines.sanitize(text), "", noticeRole(text));
    }

    /** Notes that something went wrong start with "!". */
    private static Role noticeRole(String text) {
        return text.startsWith("!") ? Role.ERROR : Role.NOTICE;
    }

    private List<Line> buffer(String peer) {
        return buffers.computeIfAbsent(peer, p -> new ArrayList<>());
    }

    private static void append(List<Line> buffer, List<String> lines, String continuationIndent, Role role) {
        appendLines(buffer, lines.stream().map(l -> Line.of(l, role)).toList(), continuationIndent);
    }

    private static void appendLines(List<Line> buffer, List<Line> lines, String continuationIndent) {
        for (int i = 0; i < lines.size(); i++) {
            buffer.add(i == 0 ? lines.get(i) : lines.get(i).prefixed(continuationIndent, Role.PLAIN));
        }
        if (buffer.size() > MAX_BUFFER_LINES) {
            buffer.subList(0, buffer.size() - MAX_BUFFER_LINES).clear();
        }
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
     * The stored conversation with {@code peer} (HISTORY, oldest first) replaces what its buffer shows: each
     * message with its time, ours with {@code >} and their delivery status, theirs marked when unsigned.
     */
    public void showHistory(String peer, List<HistoryEntry> entries) {
        addPeer(peer);
        historyShown.add(peer);
        List<Line> buffer = buffer(peer);
        buffer.clear();
        String match = peer.equals(jumpPeer) ? jumpKey : null;
        appendLines(buffer, HistoryLines.styled(entries, newMessagesKey(peer, entries), match), "");
        if (peer.equals(currentPeer)) {
            scrollOffset = Math.min(scrollOffset, buffer.size());
        }
        int at = match == null ? -1 : indexOfRole(buffer, Role.MATCH);
        if (at >= 0 && peer.equals(currentPeer)) {
            scrollOffset = Math.max(0, buffer.size() - at - 3); // the match a few lines above the bottom
            jumpPeer = null;
        }
    }

    /** Which stored message the "new messages" line goes above for {@code peer}, or null for none. */
    private String newMessagesKey(String peer, List<HistoryEntry> entries) {
        Integer waiting = unreadAtOpen.remove(peer);
        if (waiting != null && peer.equals(currentPeer)) {
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

    private static int indexOfRole(List<Line> lines, Role role) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).spans().stream().anyMatch(s -> s.role() == role)) {
                return i;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- input line

    public void insert(char c) {
        editor.insert(c);
    }

    public void backspace() {
        editor.backspace();
    }

    public void delete() {
        editor.delete();
    }

    public void cursorLeft() {
        editor.left();
    }

    public void cursorRight() {
        editor.right();
    }

    public void cursorHome() {
        editor.home();
    }

    public void cursorEnd() {
        editor.end();
    }

    public void killToStart() {
        editor.killToStart();
    }

    public void killToEnd() {
        editor.killToEnd();
    }

    public void deleteWordBack() {
        editor.deleteWordBack();
    }

    public void setInput(String text) {
        editor.set(text);
    }

    public String takeInput() {
        return editor.take();
    }

    public void historyPrevious() {
        editor.previous();
    }

    public void historyNext() {
        editor.next();
    }

    /**
     * Tab: completes a /command, the peer after {@code /peer }, or an address at the "Onion Address:" prompt.
     * When several candidates remain, completes their common prefix, or lists them when that adds nothing.
     */
    public void complete() {
        if (mode == Mode.SELECT_PEER || mode == Mode.SEARCH || editor.cursor() != editor.text().length()) {
            return;
        }
        String text = editor.text();
        if (text.startsWith("/")) {
            int space = text.indexOf(' ');
            if (space < 0) {
                completeWord("", text, COMMANDS);
            } else if (PEER_COMMANDS.contains(text.substring(0, space).toLowerCase(Locale.ROOT))) {
                String word = text.substring(space + 1);
                if (word.indexOf(' ') < 0) {
                    completeWord(text.substring(0, space + 1), word, peerNames());
                }
            }
        } else if (mode == Mode.ASK_PEER && text.indexOf(' ') < 0) {
            completeWord("", text, peerNames());
        }
    }

    /** What may be typed for a peer: nicknames, the listed peers' addresses, the requests' addresses. */
    private List<String> peerNames() {
        List<String> names = new ArrayList<>(new java.util.TreeSet<>(nicknames.values()));
        names.addAll(peers);
        requests.stream().map(ContactEntry::address).filter(a -> !names.contains(a)).forEach(names::add);
        return names;
    }

    /** Completes {@code typed} among {@code candidates}, ignoring letter case (nicknames have capitals). */
    private void completeWord(String before, String typed, List<String> candidates) {
        String word = typed.toLowerCase(Locale.ROOT);
        List<String> matches = candidates.stream().filter(c -> c.toLowerCase(Locale.ROOT).startsWith(word)).toList();
        if (matches.isEmpty()) {
            return;
        }
        String common = matches.get(0);
        for (String m : matches) {
            int n = 0;
            while (n < common.length() && n < m.length()
                    && Character.toLowerCase(common.charAt(n)) == Character.toLowerCase(m.charAt(n))) {
                n++;
            }
            common = common.substring(0, n);
        }
        if (common.length() > word.length() || matches.size() == 1 && !common.equals(typed)) {
            setInput(before + common); // also puts a nickname typed in other letter case as it is spelled
        } else if (matches.size() > 1) {
            notice(String.join("  ", matches));
        }
    }
}
