package org.torchat.tui.ui;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.torchat.tui.daemon.GroupEntry;

/**
 * The groups the daemon knows (GROUPS), and how a group's conversation is named among the peers' ones: {@code #}
 * and its id (an onion address never starts with {@code #}). Lives on the UI thread.
 */
final class GroupBook {
    static final String PREFIX = "#";
    /** The states in which a group has a conversation in the peer pane. */
    private static final Set<String> LISTED = Set.of("member", "joining", "invited", "leaving");

    private Map<String, GroupEntry> byId = Map.of();

    static boolean isGroup(String key) {
        return key.startsWith(PREFIX);
    }

    static String key(String groupId) {
        return PREFIX + groupId;
    }

    static String id(String key) {
        return key.substring(PREFIX.length());
    }

    /** Takes the daemon's list; returns the invitations that are new since the last one. */
    List<GroupEntry> set(List<GroupEntry> groups) {
        Map<String, GroupEntry> before = byId;
        Map<String, GroupEntry> now = new LinkedHashMap<>();
        groups.forEach(g -> now.put(g.id(), g));
        byId = now;
        return groups.stream()
                .filter(g -> g.state().equals("invited"))
                .filter(g -> !before.containsKey(g.id())
                        || !before.get(g.id()).state().equals("invited"))
                .toList();
    }

    Optional<GroupEntry> of(String key) {
        return isGroup(key) ? Optional.ofNullable(byId.get(id(key))) : Optional.empty();
    }

    boolean knows(String groupId) {
        return byId.containsKey(groupId);
    }

    /** The keys of the groups the peer pane lists, in the daemon's order. */
    List<String> listedKeys() {
        return byId.values().stream()
                .filter(g -> LISTED.contains(g.state()))
                .map(g -> key(g.id()))
                .toList();
    }

    /** {@code #name}, with the state when we are not (yet) a member. */
    String displayName(String key) {
        return of(key).map(g -> PREFIX + g.name() + (g.state().equals("member") ? "" : " (" + g.state() + ")"))
                .orElse(PREFIX + id(key).substring(0, Math.min(8, id(key).length())));
    }

    boolean muted(String key) {
        return of(key).map(GroupEntry::muted).orElse(false);
    }

    /**
     * The group that {@code text} names (its id, or a name only one group has, letter case aside), as a key;
     * empty when none or several.
     */
    Optional<String> find(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        if (wanted.startsWith(PREFIX)) {
            wanted = wanted.substring(PREFIX.length());
        }
        if (byId.containsKey(wanted)) {
            return Optional.of(key(wanted));
        }
        Map<String, String> named = new HashMap<>();
        for (GroupEntry g : byId.values()) {
            if (g.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                named.put(g.id(), g.name());
            }
        }
        return named.size() == 1 ? Optional.of(key(named.keySet().iterator().next())) : Optional.empty();
    }

    /** Invitations not answered yet, as keys. */
    List<String> invitations() {
        return byId.values().stream()
                .filter(g -> g.state().equals("invited"))
                .map(g -> key(g.id()))
                .toList();
    }
}
