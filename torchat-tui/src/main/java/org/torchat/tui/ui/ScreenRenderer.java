package org.torchat.tui.ui;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws a {@link ChatState} onto any Lanterna {@link TextGraphics} of a given size, in the original client's
 * layout. Stateless: the whole screen is drawn from the state every time, so a resize is just another draw.
 */
public final class ScreenRenderer {
    private final Theme theme;
    private final AsciiCells ascii = new AsciiCells();

    /** With the colour theme. */
    public ScreenRenderer() {
        this(Theme.colour());
    }

    ScreenRenderer(Theme theme) {
        this.theme = theme;
    }

    static final String ADDRESS_TITLE = "TORchat Address:";
    /** The original client's onion, drawn above our address when the pane has room to spare. */
    static final List<String> ONION_ART = List.of(
            "      \\|//", "     .-'^'-.", "    / .---. \\", "   | ( (_) ) |", "    \\ '---' /", "     '-----'");
    /** Peer rows kept free before the onion gives way to the list. */
    private static final int MIN_PEER_ROWS = 6;

    static final String REQUESTS_TITLE = "Requests:";
    static final String GROUPS_TITLE = "Groups:";
    /** Each request takes two rows: the stranger's address, then its first message. */
    private static final int ROWS_PER_REQUEST = 2;

    /** Draws everything; returns where the terminal cursor belongs, or null when it should be hidden. */
    public TerminalPosition render(ChatState state, TextGraphics g, TerminalSize size) {
        Layout l = Layout.of(size);
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        g.setBackgroundColor(TextColor.ANSI.DEFAULT);
        g.clearModifiers();
        g.fillRectangle(TerminalPosition.TOP_LEFT_CORNER, size, ' ');
        Cells cells = new Cells(g, theme, ascii);
        drawPeerPane(state, cells, l);
        drawSeparator(cells, l);
        drawChat(state, cells, l);
        drawLine(state, cells, l);
        return drawInput(state, cells, l);
    }

    private static void drawPeerPane(ChatState state, Cells g, Layout l) {
        if (l.paneWidth() <= 0 || l.paneHeight() <= 0) {
            return;
        }
        List<String> address = TextLines.chop(state.ownAddress(), l.paneWidth());
        int block = 1 + Math.max(1, address.size());
        int peerRows = l.paneHeight();
        if (l.paneHeight() >= block + 2) {
            peerRows = l.paneHeight() - block - 1;
            int top = l.paneHeight() - block;
            String title = TextLines.fit(ADDRESS_TITLE, l.paneWidth());
            g.put(Math.max(0, (l.paneWidth() - title.length() - 1) / 2), top, title, Role.ADDRESS);
            for (int i = 0; i < address.size(); i++) {
                g.put(0, top + 1 + i, address.get(i), Role.ADDRESS);
            }
            peerRows = drawOnion(state, g, l, peerRows);
        }
        int requestRows = requestRows(state, peerRows);
        drawPeers(state, g, l, peerRows - requestRows);
        drawRequests(state, g, l, Math.min(peerLines(state), peerRows - requestRows), requestRows);
    }

    /** The rows the peers and groups take: one each, and the groups' title when there is a group. */
    private static int peerLines(ChatState state) {
        boolean groups = state.peers().stream().anyMatch(GroupBook::isGroup);
        return state.peers().size() + (groups ? 1 : 0);
    }

    /** The rows the requests section takes: a title and two rows per request, at most half of the pane. */
    private static int requestRows(ChatState state, int rows) {
        if (state.requests().isEmpty()) {
            return 0;
        }
        int wanted = 1 + ROWS_PER_REQUEST * state.requests().size();
        return Math.min(wanted, Math.max(0, rows / 2));
    }

    /** Strangers who wrote to us, below the peers: the address, then the first message in quotes. */
    private static void drawRequests(ChatState state, Cells g, Layout l, int top, int rows) {
        if (rows <= 0) {
            return;
        }
        g.put(0, top, TextLines.fit(REQUESTS_TITLE + " " + state.requests().size(), l.paneWidth()), Role.REQUEST);
        int row = top + 1;
        for (var r : state.requests()) {
            if (row + ROWS_PER_REQUEST > top + rows) {
                break;
            }
            g.put(0, row, TextLines.fit("? " + r.address(), l.paneWidth()), Role.REQUEST);
            String first = r.firstMessage() == null
                    ? ""
                    : TextLines.sanitize(r.firstMessage()).get(0);
            g.put(0, row + 1, TextLines.fit("  \"" + first + "\"", l.paneWidth()), Role.REQUEST_TEXT);
            row += ROWS_PER_REQUEST;
        }
    }

    /** Draws the onion at the bottom of the peer rows if the peers leave room; returns the rows left for peers. */
    private static int drawOnion(ChatState state, Cells g, Layout l, int peerRows) {
        int artWidth = ONION_ART.stream().mapToInt(String::length).max().orElse(0);
        int needed = Math.max(MIN_PEER_ROWS, peerLines(state) + requestRows(state, peerRows));
        if (l.paneWidth() < artWidth + 1 || peerRows - ONION_ART.size() < needed) {
            return peerRows;
        }
        int top = peerRows - ONION_ART.size();
        int left = Math.max(0, (l.paneWidth() - artWidth) / 2);
        for (int i = 0; i < ONION_ART.size(); i++) {
            g.put(left, top + i, ONION_ART.get(i), Role.FRAME);
        }
        return top;
    }

    /**
     * The peers, then the groups under a title of their own; numbered in one sequence, as /peer chooses among all.
     * The title takes a row, so a list that scrolls keeps the highlighted row in view counting it.
     */
    private static void drawPeers(ChatState state, Cells g, Layout l, int rows) {
        List<String> peers = state.peers();
        int current = state.currentPeer().map(peers::indexOf).orElse(-1);
        boolean selecting = state.mode() == ChatState.Mode.SELECT_PEER;
        int highlighted = selecting ? state.selection() : current;
        List<Integer> lines = new ArrayList<>(); // an index into peers, or -1 for the groups' title
        for (int i = 0; i < peers.size(); i++) {
            if (GroupBook.isGroup(peers.get(i)) && (i == 0 || !GroupBook.isGroup(peers.get(i - 1)))) {
                lines.add(-1);
            }
            lines.add(i);
        }
        int highlightedLine = lines.indexOf(highlighted);
        int top = highlightedLine >= rows ? highlightedLine - rows + 1 : 0;
        for (int line = top; line < lines.size() && line - top < rows; line++) {
            int row = line - top;
            int i = lines.get(line);
            if (i < 0) {
                g.put(0, row, TextLines.fit(GROUPS_TITLE, l.paneWidth()), Role.REQUEST);
                continue;
            }
            String peer = peers.get(i);
            int unread = state.unread(peer);
            String suffix = unread > 0 ? " (" + unread + ")" : "";
            String label = (i + 1) + "." + state.presenceMark(peer)
                    + TextLines.sanitize(state.displayName(peer)).get(0);
            String name = suffix.length() < l.paneWidth()
                    ? TextLines.fit(label, l.paneWidth() - suffix.length())
                    : TextLines.fit(label, l.paneWidth());
            String shownSuffix = suffix.length() < l.paneWidth() ? suffix : "";
            if (i == highlighted) {
                Role role = selecting ? Role.SELECTED_PEER : Role.CURRENT_PEER;
                g.fill(0, row, l.paneWidth(), role);
                g.put(0, row, name + shownSuffix, role);
            } else {
                int after = g.put(0, row, name, Role.PEER);
                g.put(after, row, shownSuffix, Role.UNREAD);
            }
        }
    }

    private static void drawSeparator(Cells g, Layout l) {
        if (l.separatorColumn() >= l.width() || l.paneWidth() <= 0) {
            return;
        }
        for (int row = 0; row < l.paneHeight(); row++) {
            g.put(l.separatorColumn(), row, "|", Role.FRAME);
        }
    }

    private static void drawChat(ChatState state, Cells g, Layout l) {
        if (l.chatWidth() <= 0 || l.paneHeight() <= 0) {
            return;
        }
        List<Line> buffer = state.visibleLines();
        int need = state.scrollOffset() + l.paneHeight();
        List<Piece> tail = new ArrayList<>(); // wrapped lines from the bottom up
        for (int i = buffer.size() - 1; i >= 0 && tail.size() < need; i--) {
            Line line = buffer.get(i);
            List<int[]> wrapped = TextLines.wrapRanges(line.text(), l.chatWidth());
            for (int j = wrapped.size() - 1; j >= 0; j--) {
                tail.add(new Piece(line, wrapped.get(j)[0], wrapped.get(j)[1]));
            }
        }
        int offset = Math.min(state.scrollOffset(), Math.max(0, tail.size() - l.paneHeight()));
        int count = Math.min(l.paneHeight(), tail.size() - offset);
        for (int row = 0; row < count; row++) {
            Piece p = tail.get(offset + count - 1 - row);
            g.put(l.chatColumn(), row, p.line(), p.start(), p.end());
        }
    }

    /** One screen row of a wrapped conversation line. */
    private record Piece(Line line, int start, int end) {}

    private static void drawLine(ChatState state, Cells g, Layout l) {
        if (l.lineRow() < 0 || l.width() <= 0) {
            return;
        }
        Role role = state.daemonProblem().isPresent() ? Role.STATUS_PROBLEM : Role.STATUS;
        g.put(0, l.lineRow(), "-".repeat(l.width()), role);
        String label = statusLabel(state);
        if (!label.isEmpty() && l.width() > 6) {
            g.put(2, l.lineRow(), TextLines.fit(label, l.width() - 4), role);
        }
    }

    /** Whether the daemon is reachable and Tor's state, the unread total, whether the view is scrolled back. */
    static String statusLabel(ChatState state) {
        String scrolled = state.scrollOffset() > 0 ? " scrolled back: PgDn to follow " : "";
        int unread = state.unreadTotal();
        String unreadPart = unread > 0 ? "| " + unread + " unread " : "";
        return state.daemonProblem()
                .map(p -> " daemon unreachable: " + TextLines.sanitize(p).get(0) + " ")
                .or(() -> state.torStatus()
                        .map(t -> " daemon reachable | " + TextLines.sanitize(t).get(0) + " " + unreadPart
                                + (scrolled.isEmpty() ? "" : "|" + scrolled)))
                .orElse(unread > 0 ? " " + unreadPart + scrolled : scrolled);
    }

    private static TerminalPosition drawInput(ChatState state, Cells g, Layout l) {
        if (l.inputRow() < 0 || l.width() <= 0) {
            return null;
        }
        String prompt = TextLines.fit(state.prompt(), l.width());
        g.put(0, l.inputRow(), prompt, Role.PROMPT);
        if (state.mode() == ChatState.Mode.SELECT_PEER || state.mode() == ChatState.Mode.SEARCH) {
            return null;
        }
        int promptColumns = TextLines.width(prompt);
        int available = l.width() - promptColumns;
        if (available <= 0) {
            return null;
        }
        String input = state.input();
        int cursor = state.cursor();
        // Scroll the line horizontally, a grapheme at a time, so the cursor's cell stays on screen.
        int start = 0;
        while (start < cursor && TextLines.width(input.substring(start, cursor)) >= available) {
            start = Graphemes.next(input, start);
        }
        g.put(promptColumns, l.inputRow(), TextLines.fit(input.substring(start), available), Role.PLAIN);
        return new TerminalPosition(promptColumns + TextLines.width(input.substring(start, cursor)), l.inputRow());
    }
}
