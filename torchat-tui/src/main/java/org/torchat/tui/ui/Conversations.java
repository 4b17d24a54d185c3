package org.torchat.tui.ui;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.torchat.tui.daemon.IncomingMessage;

/**
 * One {@link Conversation} per peer, and the console shown while no peer is current: what goes into them as lines
 * (our typed lines, incoming messages, notices), every piece of peer text through {@link TextLines#sanitize}.
 */
final class Conversations {
    private final Map<String, Conversation> byPeer = new HashMap<>();
    private final Conversation console = new Conversation();

    Conversation of(String peer) {
        return byPeer.computeIfAbsent(peer, p -> new Conversation());
    }

    Optional<Conversation> existing(String peer) {
        return Optional.ofNullable(byPeer.get(peer));
    }

    Conversation console() {
        return console;
    }

    /** A line the user sent, shown as typed. */
    void appendOwn(String peer, String text) {
        append(of(peer), TextLines.sanitize(text), Role.OWN_TEXT);
    }

    /**
     * A message popped from the daemon, as {@code [HH:MM] text}; {@code firstUnseen}: the first the user has not
     * seen, so the "new messages" line goes above it.
     */
    void appendIncoming(IncomingMessage m, boolean firstUnseen) {
        Conversation c = of(m.peer());
        if (firstUnseen) {
            c.dropNewMessagesLine();
            c.append(Line.of(ChatState.NEW_MESSAGES, Role.NEW_MARKER));
        }
        if (c.showsHistory()) {
            String day = "--- " + LocalDate.now() + " ---"; // as the history would have it on a new day
            if (!day.equals(c.lastDateLine())) {
                c.append(Line.of(day, Role.DATE));
            }
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
        c.append(lines, " ".repeat(prefix.length()));
    }

    /** A note from the client itself, in {@code peer}'s conversation, or the console when null. */
    void notice(String peer, String text) {
        append(
                peer == null ? console : of(peer),
                TextLines.sanitize(text),
                text.startsWith("!") ? Role.ERROR : Role.NOTICE); // notes that something went wrong start with "!"
    }

    private static void append(Conversation c, List<String> lines, Role role) {
        c.append(lines.stream().map(l -> Line.of(l, role)).toList(), "");
    }
}
