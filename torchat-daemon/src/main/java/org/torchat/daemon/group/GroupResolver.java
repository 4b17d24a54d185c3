package org.torchat.daemon.group;

import java.util.List;
import java.util.Locale;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Group;
import org.torchat.daemon.store.Groups;
import org.torchat.protocol.group.GroupIds;

/** A group named in a request: by its id, or by a name no other group we know has (letter case aside). */
public final class GroupResolver {
    private final Groups groups;

    public GroupResolver(Groups groups) {
        this.groups = groups;
    }

    /** @throws RequestException naming {@code field}, when no group, or more than one, answers to {@code text} */
    public Group resolve(String text, String field) throws RequestException {
        if (GroupIds.isValid(text)) {
            return groups.find(text)
                    .orElseThrow(() -> new RequestException("field '" + field + "': no group has the id " + text));
        }
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        List<Group> named = groups.list().stream()
                .filter(g -> g.name().toLowerCase(Locale.ROOT).equals(wanted))
                .toList();
        if (named.isEmpty()) {
            throw new RequestException("field '" + field + "': '" + text + "' is neither a group's id nor the name of "
                    + "a group (GROUPS lists them)");
        }
        if (named.size() > 1) {
            throw new RequestException("field '" + field + "': " + named.size() + " groups are called '" + text
                    + "': name it by its id (GROUPS lists them)");
        }
        return named.get(0);
    }
}
