package org.torchat.tui.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Json;
import org.torchat.tui.DaemonRefusedException;
import org.torchat.tui.TorchatException;
import org.torchat.tui.UsageException;
import org.torchat.tui.daemon.ContactEntry;
import org.torchat.tui.daemon.DaemonApi;
import org.torchat.tui.daemon.GroupPost;
import org.torchat.tui.daemon.IncomingMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code torchat watch}: prints incoming messages as JSON lines until interrupted, using the daemon's long poll
 * (GET_PEERS with {@code wait}, then UPDATE until END): no busy polling, and each message printed within
 * milliseconds of its arrival. With {@code --presence}, also contacts going online, away and offline: the long poll
 * wakes when the daemon's presence token moves, and only then are the contacts read again.
 */
@Command(
        name = "watch",
        mixinStandardHelpOptions = true,
        description = {
            "Print incoming messages as they arrive, one JSON object per line:",
            "{\"event\":\"message\",\"peer\":\"<onion>\",\"text\":\"...\",\"time\":\"HH:MM\"}. They are then",
            "read (as with 'read'). Group messages too: {\"event\":\"group\",\"group\":\"<id>\",\"name\":...,",
            "\"author\":\"<onion>\",\"nickname\":...,\"text\":\"...\",\"time\":<ms>,\"seq\":N}. With --presence, also each contact going online, away or offline:",
            "{\"event\":\"presence\",\"peer\":\"<onion>\",\"nickname\":...,\"presence\":\"online\",\"time\":\"HH:MM\"}.",
            "Runs until interrupted (Ctrl-C) or, with --count, until N messages were printed.",
            "Waits with the daemon's long poll: an idle watch makes one request every 25 s.",
            "Exits 3 when the daemon goes away."
        })
public final class WatchCommand implements Callable<Integer> {
    static final Duration WAIT = Duration.ofSeconds(25);
    /** A round that printed nothing lasts at least this long: a daemon that ignores wait is polled, not hammered. */
    static final Duration MIN_ROUND = Duration.ofMillis(500);

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    @Mixin
    DaemonOptions daemon;

    @Option(
            names = {"-n", "--count"},
            paramLabel = "N",
            description = "Exit (0) after printing N messages.")
    Integer count;

    @Option(names = "--presence", description = "Also print contacts going online, away and offline.")
    boolean presence;

    @Spec
    CommandSpec spec;

    /** Group messages read in one request at most. */
    static final int GROUP_BATCH = 100;

    private final PresenceTracker presenceTracker = new PresenceTracker();
    private boolean groupsAnswered = true;
    private String presenceSeen;

    @Override
    public Integer call() throws TorchatException, InterruptedException {
        if (count != null && count < 1) {
            throw new UsageException("--count must be at least 1, got " + count);
        }
        DaemonApi api = daemon.connect();
        PrintWriter out = spec.commandLine().getOut();
        int printed = 0;
        if (presence) {
            presenceTracker.baseline(api.contacts());
        }
        while (true) {
            long start = System.nanoTime();
            int room = count == null ? GROUP_BATCH : Math.min(GROUP_BATCH, count - printed);
            int groupPosts = printGroupMessages(api, out, room);
            printed += groupPosts;
            if (count != null && printed >= count) {
                return 0;
            }
            List<String> peers =
                    groupPosts > 0 ? api.awaitPeersWithUnread(Duration.ZERO) : api.awaitPeersWithUnread(WAIT);
            boolean any = groupPosts > 0 || presence && printPresenceChanges(api, out);
            for (String peer : peers) {
                Optional<IncomingMessage> next;
                while ((next = api.popUnread(peer)).isPresent()) {
                    out.println(json(next.get()));
                    out.flush();
                    any = true;
                    if (count != null && ++printed >= count) {
                        return 0;
                    }
                }
            }
            long pause = MIN_ROUND.toNanos() - (System.nanoTime() - start);
            if (!any && pause > 0) {
                TimeUnit.NANOSECONDS.sleep(pause);
            }
        }
    }

    /**
     * Prints the unread group messages (at most {@code limit}; they are read from then on) as
     * {@code {"event":"group",...}} lines; how many. A daemon without groups is not asked again.
     */
    private int printGroupMessages(DaemonApi api, PrintWriter out, int limit) throws TorchatException {
        if (!groupsAnswered) {
            return 0;
        }
        List<GroupPost> posts;
        try {
            posts = api.readGroups(limit);
        } catch (DaemonRefusedException e) {
            groupsAnswered = false; // a daemon from before groups
            return 0;
        }
        if (!posts.isEmpty()) {
            Map<String, String> nicknames = GroupFormat.nicknames(api);
            for (GroupPost p : posts) {
                out.println(GroupFormat.json(p, nicknames));
            }
            out.flush();
        }
        return posts.size();
    }

    /**
     * Reads the contacts again when the daemon's presence token moved (or it sends none: then every round), and
     * prints those whose presence changed; whether it printed any.
     */
    private boolean printPresenceChanges(DaemonApi api, PrintWriter out) throws TorchatException {
        Optional<String> token = api.changeToken(Extensions.PRESENCE_VERSION);
        if (token.isPresent() && token.get().equals(presenceSeen)) {
            return false;
        }
        presenceSeen = token.orElse(null);
        List<ContactEntry> changed = presenceTracker.changes(api.contacts());
        String time = LocalTime.now().format(HH_MM);
        for (ContactEntry c : changed) {
            out.println(json(c, time));
        }
        out.flush();
        return !changed.isEmpty();
    }

    static String json(ContactEntry c, String time) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("event", "presence");
        node.put("peer", c.address());
        node.put("nickname", c.nickname());
        node.put("presence", c.presence());
        node.put("time", time);
        return write(node);
    }

    static String json(IncomingMessage m) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("event", "message");
        node.put("peer", m.peer());
        node.put("text", m.text());
        node.put("time", m.time());
        return write(node);
    }

    private static String write(ObjectNode node) {
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON object always serialises", e);
        }
    }
}
