package org.torchat.tui.ui;

import java.util.ArrayList;
import java.util.List;
import org.torchat.tui.daemon.HistoryEntry;

/**
 * How a stored conversation (HISTORY) is shown: a date line before each new day, each message with its time,
 * ours with {@code >} and their delivery mark, theirs marked when unsigned, each part with its {@link Role}.
 */
final class HistoryLines {
    private HistoryLines() {}

    /** How the view of a conversation shows stored messages; a line with the date before each new day. */
    static List<String> plain(List<HistoryEntry> entries) {
        return styled(entries).stream().map(Line::text).toList();
    }

    /** {@link #plain} with roles: times dimmed, ours and theirs apart, marks by what they say. */
    static List<Line> styled(List<HistoryEntry> entries) {
        return styled(entries, null, null);
    }

    /** What identifies a stored message across reads of the history: its time and text. */
    static String key(HistoryEntry e) {
        return e.time() + '\u0000' + e.text();
    }

    /**
     * With the "new messages" line above the message whose {@link #key} is {@code newMessages}, and the text of the
     * message whose key is {@code match} (a search result jumped to) highlighted.
     */
    static List<Line> styled(List<HistoryEntry> entries, String newMessages, String match) {
        boolean peerVerified = entries.stream().anyMatch(e -> e.incoming() && Boolean.TRUE.equals(e.verified()));
        List<Line> out = new ArrayList<>();
        String day = null;
        for (HistoryEntry e : entries) {
            if (e.incoming() && key(e).equals(newMessages)) {
                out.add(Line.of(ChatState.NEW_MESSAGES, Role.NEW_MARKER));
            }
            String time = e.time();
            String clock = time;
            if (time.length() == 16 && time.charAt(10) == ' ') { // yyyy-MM-dd HH:mm
                if (!time.substring(0, 10).equals(day)) {
                    day = time.substring(0, 10);
                    out.add(Line.of("--- " + day + " ---", Role.DATE));
                }
                clock = time.substring(11);
            }
            String stamp = "[" + TextLines.sanitize(clock).get(0) + "] ";
            String arrow = e.incoming() ? "" : "> ";
            Role textRole = key(e).equals(match) ? Role.MATCH : e.incoming() ? Role.THEIR_TEXT : Role.OWN_TEXT;
            List<String> texts = TextLines.sanitize(e.text());
            String mark = mark(e, peerVerified);
            String indent = " ".repeat(stamp.length() + arrow.length());
            for (int i = 0; i < texts.size(); i++) {
                Line.Builder b = new Line.Builder();
                if (i == 0) {
                    b.add(stamp, Role.TIMESTAMP).add(arrow, textRole);
                } else {
                    b.add(indent, Role.PLAIN);
                }
                b.add(texts.get(i), textRole);
                if (i == texts.size() - 1 && !mark.isEmpty()) {
                    b.add("  ", Role.PLAIN).add(TextLines.sanitize(mark).get(0), markRole(e));
                }
                out.add(b.build());
            }
        }
        return out;
    }

    private static Role markRole(HistoryEntry e) {
        if (e.incoming()) {
            return Role.WARNING;
        }
        return switch (e.status()) {
            case "failed" -> Role.MARK_FAILED;
            case "delivered" -> Role.MARK_DELIVERED;
            default -> Role.MARK_PENDING;
        };
    }

    /** The delivery status of ours, {@code (unverified)} on theirs without a valid signature. */
    static String mark(HistoryEntry e, boolean peerVerified) {
        if (e.incoming()) {
            if (!e.unverified()) {
                return "";
            }
            // A peer that signs signs every message: an unsigned one "from" it is most likely forged.
            return peerVerified ? "(UNVERIFIED: not signed by this peer, likely forged)" : "(unverified)";
        }
        return switch (e.status()) {
            case "queued" -> e.error() == null ? "(queued)" : "(queued, retrying: " + e.error() + ")";
            case "failed" -> "(FAILED" + (e.error() == null ? "" : ": " + e.error()) + ")";
            case "" -> ""; // ours in a group: stored and on its way to the members, nothing more to say
            default -> "(" + e.status() + ")";
        };
    }
}
