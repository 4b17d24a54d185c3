package org.torchat.tui.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.torchat.protocol.Json;
import org.torchat.protocol.text.TerminalText;
import org.torchat.tui.TorchatException;
import org.torchat.tui.daemon.ContactEntry;
import org.torchat.tui.daemon.DaemonApi;
import org.torchat.tui.daemon.GroupEntry;
import org.torchat.tui.daemon.GroupInvitation;
import org.torchat.tui.daemon.GroupMember;
import org.torchat.tui.daemon.GroupPost;

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
                node.put("muted", g.muted());
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
                node.put("muted", m.muted());
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

    /** {@code ID  NAME  from INVITER  N members}. */
    static void invitations(List<GroupInvitation> invites, boolean json, PrintWriter out) {
        if (json) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            for (GroupInvitation i : invites) {
                ObjectNode node = array.addObject();
                node.put("id", i.id());
                node.put("name", i.name());
                node.put("invitedBy", i.invitedBy());
                node.put("creator", i.creator());
                ArrayNode members = node.putArray("members");
                i.members().forEach(members::add);
            }
            out.println(array);
        } else {
            for (GroupInvitation i : invites) {
                out.println(TerminalText.oneLine(i.id() + "  " + i.name() + "  from " + i.invitedBy() + "  "
                        + i.members().size() + (i.members().size() == 1 ? " member" : " members")));
            }
        }
        out.flush();
    }

    /** Our nicknames for contacts, by address: how authors are named. */
    static Map<String, String> nicknames(DaemonApi api) throws TorchatException {
        Map<String, String> names = new HashMap<>();
        for (ContactEntry c : api.contacts()) {
            if (c.nickname() != null) {
                names.put(c.address(), c.nickname());
            }
        }
        return names;
    }

    /** A member's name: our nickname for it, else the start of its address (it need not be a contact). */
    static String author(String address, Map<String, String> nicknames) {
        String nickname = nicknames.get(address);
        return nickname != null ? nickname : address.substring(0, Math.min(12, address.length())) + "\u2026";
    }

    /** {@code [date] AUTHOR: text} ("me" for {@code self}), or one JSON object per message. */
    static void posts(
            List<GroupPost> posts, Map<String, String> nicknames, String self, boolean json, PrintWriter out) {
        for (GroupPost p : posts) {
            if (json) {
                out.println(json(p, nicknames));
            } else {
                String author = p.author().equals(self) ? "me" : author(p.author(), nicknames);
                out.println(TerminalText.indented("[" + p.date() + "] " + author + ": " + p.text(), "    "));
            }
        }
        out.flush();
    }

    static String json(GroupPost p, Map<String, String> nicknames) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("event", "group");
        node.put("group", p.groupId());
        node.put("name", p.groupName());
        node.put("author", p.author());
        node.put("nickname", nicknames.get(p.author()));
        node.put("text", p.text());
        node.put("time", p.time());
        node.put("seq", p.seq());
        return node.toString();
    }
}
