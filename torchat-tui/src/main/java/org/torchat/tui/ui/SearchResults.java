package org.torchat.tui.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.torchat.tui.daemon.SearchMatch;

/**
 * What {@code /search} found, shown in the chat pane in place of the conversation: one line per match (date, peer,
 * direction, text), the chosen one highlighted; Up/Down choose, Enter jumps to it in its conversation.
 */
final class SearchResults {
    private final String query;
    private final boolean everywhere;
    private final List<SearchMatch> matches;
    private int selection;

    SearchResults(String query, boolean everywhere, List<SearchMatch> matches) {
        this.query = query;
        this.everywhere = everywhere;
        this.matches = List.copyOf(matches);
    }

    String query() {
        return query;
    }

    boolean isEmpty() {
        return matches.isEmpty();
    }

    int selection() {
        return selection;
    }

    void move(int delta) {
        selection = Math.max(0, Math.min(matches.size() - 1, selection + delta));
    }

    Optional<SearchMatch> selected() {
        return matches.isEmpty() ? Optional.empty() : Optional.of(matches.get(selection));
    }

    /** The lines to show, oldest match at the top as in a conversation; {@code name} gives a peer's shown name. */
    List<Line> lines(UnaryOperator<String> name) {
        List<Line> out = new ArrayList<>();
        out.add(Line.of(
                "Search " + (everywhere ? "in all conversations" : "in this conversation") + " for '"
                        + TextLines.sanitize(query).get(0) + "': " + matches.size() + " found"
                        + (matches.isEmpty() ? "" : "; Up/Down choose, Enter jumps to it, Esc returns"),
                Role.NOTICE));
        for (int i = matches.size() - 1; i >= 0; i--) {
            SearchMatch m = matches.get(i);
            Role text = i == selection ? Role.MATCH : m.entry().incoming() ? Role.THEIR_TEXT : Role.OWN_TEXT;
            Line.Builder b = new Line.Builder()
                    .add(
                            "[" + TextLines.sanitize(m.entry().time()).get(0) + "] ",
                            i == selection ? Role.MATCH : Role.TIMESTAMP);
            if (everywhere) {
                b.add(shortName(name.apply(m.peer())) + " ", i == selection ? Role.MATCH : Role.PEER);
            }
            b.add(
                    (m.entry().incoming() ? "< " : "> ")
                            + String.join(" ", TextLines.sanitize(m.entry().text())),
                    text);
            out.add(b.build());
        }
        return out;
    }

    /** A nickname as it is, an address cut to its first 16 characters: enough to tell peers apart. */
    private static String shortName(String name) {
        String safe = TextLines.sanitize(name).get(0);
        return safe.endsWith(".onion") && safe.length() > 16 ? safe.substring(0, 16) + "…" : safe;
    }

    /** How many of the lines are below the selected one: the view scrolls to keep it on screen. */
    int linesBelowSelection() {
        return selection;
    }
}
