package org.torchat.tui.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import org.torchat.protocol.Json;
import org.torchat.protocol.text.TerminalText;
import org.torchat.tui.daemon.GroupEntry;
import org.torchat.tui.daemon.GroupMember;

/**
 * How {@code torchat groups} and {@code torchat group members} print: a line each, or one JSON array. A group's
 * name is its creator's choice, so it goes through the terminal filter like anything a peer wrote.
 */
final class GroupFormat {
    private GroupFormat() {}

    /** {@code ID  NAME  STATE  N members  N unread}. */
    static void groups(List<GroupEntry> groups, boolean json, PrintWriter out) {
        if (json) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            for (GroupEntry g : groups) {
                ObjectNode node = array.addObject();
                node.put("id", g.id());
                node.put("name", g.name());
                node.put("state", g.state());
                node.put("members", g.members());
                node.put("unread", g.unread());
                node.put("creator", g.creator());
            }
            out.println(array);
        } else {
            for (GroupEntry g : groups) {
                out.println(TerminalText.oneLine(g.id() + "  " + g.name() + "  " + g.state() + "  " + g.members()
                        + (g.members() == 1 ? " member  " : " members  ") + g.unread() + " unread"));
            }
        }
        out.flush();
    }

    /** {@code ADDRESS  NICKNAME} ("-" for none), then {@code creator} for the group's creator. */
    static void members(List<GroupMember> members, boolean json, PrintWriter out) {
        if (json) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            for (GroupMember m : members) {
                ObjectNode node = array.addObject();
                node.put("address", m.address());
                node.put("nickname", m.nickname());
                node.put("creator", m.creator());
            }
            out.println(array);
        } else {
            for (GroupMember m : members) {
                out.println(TerminalText.oneLine(m.address() + "  " + (m.nickname() == null ? "-" : m.nickname())
                        + (m.creator() ? "  creator" : "")));
            }
        }
        out.flush();
    }
}
