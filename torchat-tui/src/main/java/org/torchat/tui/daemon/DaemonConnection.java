package org.torchat.tui.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.FrameException;
import org.torchat.protocol.Message;
import org.torchat.protocol.ProtocolException;
import org.torchat.protocol.backup.BackupDownload;
import org.torchat.protocol.client.DaemonClient;
import org.torchat.protocol.client.DaemonErrorException;
import org.torchat.tui.AuthenticationException;
import org.torchat.tui.ClientFailureException;
import org.torchat.tui.DaemonRefusedException;
import org.torchat.tui.DaemonUnreachableException;
import org.torchat.tui.TorchatException;

/** {@link DaemonApi} over the protocol module's {@link DaemonClient}: one TCP connection per request. */
public final class DaemonConnection implements DaemonApi {
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    /** The requests the client lists: more than a screen holds, and few enough that reading them is cheap. */
    static final int SHOWN_REQUESTS = 50;
    /** The change tokens the last waiting GET_PEERS answered; sent back with the next, so it wakes on their change. */
    private volatile Map<String, String> tokens = Map.of();
    /** The change tokens this client follows. */
    private static final List<String> TOKENS = List.of(
            Extensions.REQUESTS_VERSION,
            Extensions.DELIVERY_VERSION,
            Extensions.PRESENCE_VERSION,
            Extensions.GROUPS_VERSION);
    /** Quick requests (HOST, GET_PEERS, UPDATE, EXIT): a local daemon answers at once. */
    static final Duration QUICK_REPLY = Duration.ofSeconds(15);

    static final Duration CONNECT = Duration.ofSeconds(5);
    /** SEND is answered once the message is stored; the generous wait covers a daemon under heavy load. */
    static final Duration SEND_REPLY = Duration.ofSeconds(150);

    private final DaemonClient client;
    private final DaemonClient sendClient;
    private final String host;
    private final int port;
    private final Clock clock;
    /** The control token sent with every request; null: none. */
    private final ControlToken token;

    public DaemonConnection(String host, int port) {
        this(host, port, null);
    }

    /** Sends {@code token} (null: none) in the {@code auth} field of every request. */
    public DaemonConnection(String host, int port, ControlToken token) {
        this(
                new DaemonClient(host, port, CONNECT, QUICK_REPLY),
                new DaemonClient(host, port, CONNECT, SEND_REPLY),
                host,
                port,
                Clock.systemDefaultZone(),
                token);
    }

    public DaemonConnection(DaemonClient client, DaemonClient sendClient, String host, int port, Clock clock) {
        this(client, sendClient, host, port, clock, null);
    }

    public DaemonConnection(
            DaemonClient client, DaemonClient sendClient, String host, int port, Clock clock, ControlToken token) {
        this.client = token == null ? client : client.withToken(token.value());
        this.sendClient = token == null ? sendClient : sendClient.withToken(token.value());
        this.host = host;
        this.port = port;
        this.clock = clock;
        this.token = token;
    }

    @Override
    public String endpoint() {
        return host + ":" + port;
    }

    @Override
    public String host() throws TorchatException {
        return call(client::host);
    }

    @Override
    public List<String> peersWithUnread() throws TorchatException {
        return call(client::peersWithUnread).stream()
                .map(String::trim)
                .filter(p -> !p.isEmpty())
                .toList();
    }

    /** GET_PEERS with {@code wait}: on the client with the long reply timeout, which outlasts any wait (60 s max). */
    @Override
    public List<String> awaitPeersWithUnread(Duration wait) throws TorchatException {
        Map<String, String> seen = tokens;
        Message reply = call(() -> sendClient.awaitPeersReply(wait, seen));
        Map<String, String> now = new HashMap<>();
        for (String name : TOKENS) {
            reply.extension(name).filter(JsonNode::isTextual).ifPresent(t -> now.put(name, t.textValue()));
        }
        tokens = Map.copyOf(now);
        return DaemonClient.peers(reply).stream()
                .map(String::trim)
                .filter(p -> !p.isEmpty())
                .toList();
    }

    @Override
    public Optional<String> changeToken(String name) {
        return Optional.ofNullable(tokens.get(name));
    }

    @Override
    public Optional<IncomingMessage> popUnread(String peer) throws TorchatException {
        Optional<Message> reply = call(() -> client.update(peer));
        return reply.map(m -> new IncomingMessage(
                peer,
                time(m),
                m.msg(),
                m.extension(Extensions.VERIFIED)
                        .filter(JsonNode::isBoolean)
                        .map(JsonNode::booleanValue)
                        .orElse(null)));
    }

    @Override
    public void send(String peer, String text) throws TorchatException {
        call(() -> sendClient.send(peer, text));
    }

    @Override
    public String status() throws TorchatException {
        return call(client::status).msg();
    }

    @Override
    public List<String> statusReport() throws TorchatException {
        Message reply = call(client::status);
        Optional<JsonNode> defences = reply.extension("defences").filter(JsonNode::isObject);
        List<String> lines = new java.util.ArrayList<>(List.of(reply.msg()));
        defences.ifPresent(d -> lines.add("defences: " + defences(d)));
        reply.extension(Extensions.HISTORY)
                .filter(JsonNode::isTextual)
                .map(JsonNode::textValue)
                .filter(h -> !h.equals("clear"))
                .ifPresent(h -> lines.add("history: sealed, " + h + (h.equals("locked") ? " (torchat unlock)" : "")));
        return List.copyOf(lines);
    }

    /** The STATUS {@code defences} object (docs/PROTOCOL.md) as one phrase. */
    static String defences(JsonNode d) {
        String pow = switch (d.path("pow").asText()) {
            case "on" ->
                "proof of work on (queue " + d.path("powqueuerate").asInt() + "/s, burst "
                        + d.path("powqueueburst").asInt() + ")";
            case "off" -> "proof of work off";
            case "unsupported" -> "proof of work unavailable (tor too old)";
            default -> "proof of work unknown";
        };
        int streams = d.path("maxstreams").asInt();
        return pow + ", "
                + (streams == 0
                        ? "no limit on streams per circuit"
                        : "at most " + streams + " streams per rendezvous circuit");
    }

    @Override
    public List<HistoryEntry> history(String peer, int n) throws TorchatException {
        return call(() -> client.history(peer, n)).stream()
                .map(DaemonConnection::entry)
                .toList();
    }

    @Override
    public long backup(OutputStream out) throws TorchatException {
        return call(() -> BackupDownload.into(client, out));
    }

    @Override
    public long export(String peer, Consumer<HistoryEntry> each) throws TorchatException {
        Message end = call(
                () -> client.stream(Message.of(Command.EXPORT, peer, port, ""), frame -> each.accept(entry(frame))));
        try {
            return Long.parseLong(end.msg().strip());
        } catch (NumberFormatException e) {
            throw new ClientFailureException("the daemon at " + endpoint() + " ended EXPORT without a count", e);
        }
    }

    @Override
    public List<SearchMatch> search(String peer, String text, int limit) throws TorchatException {
        return call(() -> client.search(peer == null ? "" : peer, text, limit)).stream()
                .map(m -> new SearchMatch(
                        m.id(),
                        entry(m),
                        m.extension(Extensions.NEWER)
                                .filter(n -> n.canConvertToInt())
                                .map(n -> n.intValue())
                                .orElse(Integer.MAX_VALUE)))
                .toList();
    }

    private static HistoryEntry entry(Message m) {
        return new HistoryEntry(
                m.date() == null ? "" : m.date(),
                "in".equals(text(m, Extensions.DIRECTION)),
                String.valueOf(text(m, Extensions.STATUS)),
                m.msg(),
                text(m, Extensions.ERROR),
                m.extension(Extensions.VERIFIED)
                        .filter(n -> n.isBoolean())
                        .map(n -> n.booleanValue())
                        .orElse(null));
    }

    private static String text(Message m, String field) {
        return m.extension(field)
                .filter(node -> !node.isNull())
                .map(node -> node.asText())
                .orElse(null);
    }

    @Override
    public List<ContactEntry> contacts() throws TorchatException {
        return call(client::contacts).stream().map(m -> contact(m, null)).toList();
    }

    @Override
    public List<ContactEntry> requests() throws TorchatException {
        return call(client::requests).stream().map(m -> contact(m, m.msg())).toList();
    }

    @Override
    public List<ContactEntry> firstRequests() throws TorchatException {
        return call(() -> client.firstRequests(SHOWN_REQUESTS)).stream()
                .map(m -> contact(m, m.msg()))
                .toList();
    }

    @Override
    public void activity() throws TorchatException {
        call(() -> client.request(Message.of(Command.ACTIVITY, DaemonClient.LOCALHOST, 0, "")));
    }

    @Override
    public String createGroup(String name) throws TorchatException {
        return call(() -> client.createGroup(name));
    }

    @Override
    public List<GroupEntry> groups() throws TorchatException {
        return call(client::groups).stream()
                .map(m -> new GroupEntry(
                        m.id(),
                        m.msg(),
                        String.valueOf(text(m, Extensions.STATE)),
                        m.extension(Extensions.MEMBERS).map(n -> n.asInt()).orElse(0),
                        m.extension(Extensions.UNREAD).map(n -> n.asInt()).orElse(0),
                        m.extension(Extensions.MUTED).map(n -> n.asBoolean()).orElse(false),
                        text(m, Extensions.CREATOR)))
                .toList();
    }

    @Override
    public List<GroupMember> groupMembers(String group) throws TorchatException {
        return call(() -> client.groupMembers(group)).stream()
                .map(m -> new GroupMember(
                        m.id(),
                        m.msg().isEmpty() ? null : m.msg(),
                        m.extension(Extensions.CREATOR).map(n -> n.asBoolean()).orElse(false),
                        m.extension(Extensions.MUTED).map(n -> n.asBoolean()).orElse(false)))
                .toList();
    }

    @Override
    public void inviteToGroup(String group, List<String> peers) throws TorchatException {
        call(() -> client.inviteToGroup(group, peers));
    }

    @Override
    public List<GroupInvitation> groupInvites() throws TorchatException {
        return call(client::groupInvites).stream()
                .map(m -> new GroupInvitation(
                        m.id(),
                        m.msg(),
                        text(m, Extensions.INVITED_BY),
                        text(m, Extensions.CREATOR),
                        m.extension(Extensions.ROSTER)
                                .map(a -> java.util.stream.StreamSupport.stream(a.spliterator(), false)
                                        .map(n -> n.asText())
                                        .toList())
                                .orElse(List.of())))
                .toList();
    }

    @Override
    public String groupStep(Command step, String group) throws TorchatException {
        return call(() -> client.groupStep(step, group)).id();
    }

    @Override
    public void removeFromGroup(String group, String peer) throws TorchatException {
        call(() -> client.removeFromGroup(group, peer));
    }

    @Override
    public long sendToGroup(String group, String text) throws TorchatException {
        return call(() -> client.sendToGroup(group, text))
                .extension(Extensions.SEQUENCE)
                .map(n -> n.asLong())
                .orElse(0L);
    }

    @Override
    public List<GroupPost> groupHistory(String group, int limit) throws TorchatException {
        return call(() -> client.groupHistory(group, limit)).stream()
                .map(DaemonConnection::post)
                .toList();
    }

    @Override
    public List<GroupPost> readGroups(int limit) throws TorchatException {
        return call(() -> client.readGroups(limit)).stream()
                .map(DaemonConnection::post)
                .toList();
    }

    @Override
    public void muteInGroup(String group, String member, boolean muted) throws TorchatException {
        call(() -> client.muteInGroup(group, member == null ? "" : member, muted));
    }

    /** A GROUP_HISTORY or GROUP_READ frame. */
    private static GroupPost post(Message m) {
        return new GroupPost(
                text(m, Extensions.GROUP),
                text(m, Extensions.GROUP_NAME),
                m.id(),
                m.msg(),
                m.extension(Extensions.TIME).map(n -> n.asLong()).orElse(0L),
                m.dateIfPresent().orElse(""),
                m.extension(Extensions.SEQUENCE).map(n -> n.asLong()).orElse(0L));
    }

    @Override
    public double ping(String peer) throws TorchatException {
        return call(() -> sendClient.ping(peer));
    }

    @Override
    public ContactEntry changeContact(ContactChange change) throws TorchatException {
        String argument = change.nickname() == null ? "" : change.nickname();
        return contact(call(() -> client.changeContact(change.kind().command(), change.peer(), argument)), null);
    }

    /** A CONTACTS or REQUESTS frame, or the END of a change, which describe the peer alike. */
    private static ContactEntry contact(Message m, String firstMessage) {
        return new ContactEntry(
                m.id(),
                text(m, Extensions.NICKNAME),
                String.valueOf(text(m, Extensions.CONTACT_STATE)),
                m.extension(Extensions.UNREAD).map(n -> n.asInt()).orElse(0),
                m.extension(Extensions.LAST_SEEN)
                        .filter(n -> n.isIntegralNumber())
                        .map(n -> n.asLong())
                        .orElse(null),
                m.extension(Extensions.BLOCKED).map(n -> n.asBoolean()).orElse(false),
                m.extension(Extensions.DROPPED).map(n -> n.asLong()).orElse(0L),
                m.extension(Extensions.VERIFIED).map(n -> n.asBoolean()).orElse(false),
                firstMessage,
                m.extension(Extensions.PRESENCE)
                        .filter(n -> n.isTextual())
                        .map(n -> n.asText())
                        .orElse("offline"));
    }

    @Override
    public String sendFile(
            String peer, java.nio.file.Path file, org.torchat.protocol.client.FileUpload.Progress progress)
            throws TorchatException {
        return text(call(() -> sendClient.sendFile(peer, file, progress)), Extensions.TRANSFER_ID);
    }

    @Override
    public List<TransferEntry> transfers() throws TorchatException {
        return call(client::transfers).stream().map(DaemonConnection::transfer).toList();
    }

    @Override
    public void decideFile(String transferId, boolean accept) throws TorchatException {
        call(() -> client.decideFile(transferId, accept));
    }

    private static TransferEntry transfer(Message m) {
        return new TransferEntry(
                String.valueOf(text(m, Extensions.TRANSFER_ID)),
                m.id(),
                m.msg(),
                "in".equals(text(m, Extensions.DIRECTION)),
                String.valueOf(text(m, Extensions.STATE)),
                number(m, Extensions.SIZE),
                number(m, Extensions.OFFSET),
                text(m, Extensions.PATH),
                text(m, Extensions.ERROR));
    }

    private static long number(Message m, String field) {
        return m.extension(field)
                .filter(n -> n.canConvertToLong())
                .map(n -> n.longValue())
                .orElse(0L);
    }

    @Override
    public boolean historyLocked() throws TorchatException {
        return call(client::status)
                .extension(Extensions.HISTORY)
                .filter(JsonNode::isTextual)
                .map(n -> n.textValue().equals("locked"))
                .orElse(false);
    }

    @Override
    public void unlock(char[] passphrase) throws TorchatException {
        call(() -> client.unlock(passphrase));
    }

    @Override
    public void lock() throws TorchatException {
        call(client::lock);
    }

    @Override
    public void stop() throws TorchatException {
        call(() -> {
            client.exit();
            return null;
        });
    }

    /** The daemon's arrival time; when it sent none, the time we popped it. */
    private String time(Message m) {
        String date = m.date();
        if (date == null || date.isBlank()) {
            return HH_MM.format(ZonedDateTime.now(clock));
        }
        return date.trim();
    }

    private <T> T call(Request<T> request) throws TorchatException {
        try {
            return request.run();
        } catch (IOException e) {
            throw new DaemonUnreachableException(host, port, e);
        } catch (DaemonErrorException e) {
            if (DaemonClient.isAuthenticationError(e.reply())) {
                throw authenticationFailure(e.getMessage());
            }
            throw new DaemonRefusedException(e.getMessage());
        } catch (FrameException e) {
            if (e.error() == FrameException.Error.TIMEOUT) {
                throw new ClientFailureException("the daemon at " + endpoint() + " did not answer in time", e);
            }
            throw new ClientFailureException(
                    "the daemon at " + endpoint() + " sent an invalid reply: " + e.getMessage(), e);
        } catch (ProtocolException e) {
            throw new ClientFailureException(
                    "the daemon at " + endpoint() + " sent an invalid reply: " + e.getMessage(), e);
        }
    }

    /** One line saying what to do; never the token itself. */
    private AuthenticationException authenticationFailure(String reason) {
        if (token == null) {
            return new AuthenticationException("the daemon at " + endpoint() + " requires its control token: on "
                    + "the daemon's machine torchat reads DATA_DIR/control.cookie (--data-dir DIR if it is not "
                    + "$TORCHAT_HOME or ~/.torchat, and it must be readable by you); elsewhere give --token-file FILE "
                    + "with a copy of that file");
        }
        return new AuthenticationException("the daemon at " + endpoint() + " refused the control token from "
                + token.source() + " (" + reason + "); give --token-file with that daemon's DATA_DIR/control.cookie"
                + (token.explicit() ? "" : " (or --data-dir with its data directory)"));
    }

    @FunctionalInterface
    private interface Request<T> {
        T run() throws IOException, ProtocolException, DaemonErrorException;
    }
}
