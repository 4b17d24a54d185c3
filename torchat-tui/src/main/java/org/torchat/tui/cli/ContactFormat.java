package org.torchat.tui.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import org.torchat.protocol.Json;
import org.torchat.protocol.text.TerminalText;
import org.torchat.tui.daemon.ContactEntry;

/** How {@code torchat contacts} and {@code torchat requests} print entries: a line each, or one JSON array. */
final class ContactFormat {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private ContactFormat() {}

    /** Prints {@code entries} as one JSON array, or a line each. */
    static void print(
            List<ContactEntry> entries, boolean json, BiFunction<ContactEntry, ZoneId, String> line, PrintWriter out) {
        if (json) {
            out.println(json(entries));
        } else {
            entries.forEach(e -> out.println(TerminalText.oneLine(line.apply(e, ZoneId.systemDefault()))));
        }
        out.flush();
    }

    /**
     * {@code ADDRESS  NICKNAME  PRESENCE  N unread  last seen DATE  verified  BLOCKED (N dropped)}; "-" for no
     * nickname.
     */
    static String contactLine(ContactEntry c, ZoneId zone) {
        return c.address() + "  " + (c.nickname() == null ? "-" : c.nickname()) + "  " + c.presence() + "  "
                + c.unread() + " unread  " + (c.online() ? "online now" : lastSeen(c, zone))
                + (c.verified() ? "  verified" : "")
                + (c.blocked() ? "  BLOCKED (" + c.dropped() + " dropped)" : "");
    }

    /** {@code ADDRESS  N unread  last seen DATE  "first message"}. */
    static String requestLine(ContactEntry r, ZoneId zone) {
        String first = r.firstMessage() == null ? "" : TerminalText.oneLine(r.firstMessage());
        return r.address() + "  " + r.unread() + " unread  " + lastSeen(r, zone) + "  \"" + first + "\"";
    }

    static String json(List<ContactEntry> entries) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (ContactEntry e : entries) {
            ObjectNode node = array.addObject();
            node.put("address", e.address());
            node.put("nickname", e.nickname());
            node.put("state", e.state());
            node.put("unread", e.unread());
            node.put("last_seen", e.lastSeen());
            node.put("blocked", e.blocked());
            node.put("dropped", e.dropped());
            node.put("verified", e.verified());
            node.put("presence", e.presence());
            if (e.firstMessage() != null) {
                node.put("first_message", e.firstMessage());
            }
        }
        return array.toString();
    }

    private static String lastSeen(ContactEntry c, ZoneId zone) {
        return c.lastSeen() == null
                ? "never seen"
                : "last seen " + DATE.format(Instant.ofEpochMilli(c.lastSeen()).atZone(zone));
    }
}
