package org.torchat.protocol.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.torchat.protocol.Command;
import org.torchat.protocol.DeadlineInputStream;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.FrameReader;
import org.torchat.protocol.FrameWriter;
import org.torchat.protocol.Message;
import org.torchat.protocol.MessageCodec;
import org.torchat.protocol.ProtocolException;

/**
 * Client of a daemon's control port, speaking the seed protocol: one request per connection, the reply read
 * by its frame header (never by waiting for EOF).
 */
public final class DaemonClient {
    /** Requests asked for at once by {@link #requests()}: the daemon's largest page. */
    private static final int REQUESTS_PAGE = 500;
    /** What the seed client puts in {@code id} of requests that are not about a peer. */
    public static final String LOCALHOST = "localhost";

    public static final int DEFAULT_PEER_PORT = 80;

    private final String host;
    private final int port;
    private final Duration connectTimeout;
    private final Duration replyTimeout;
    /** The daemon's control token, sent in {@code auth} of every request; null: none sent. */
    private final String token;

    public DaemonClient(String host, int port) {
        this(host, port, Duration.ofSeconds(5), Duration.ofSeconds(150));
    }

    public DaemonClient(String host, int port, Duration connectTimeout, Duration replyTimeout) {
        this(host, port, connectTimeout, replyTimeout, null);
    }

    /** With the daemon's control token ({@code DATA_DIR/control.cookie}), or null to send none. */
    public DaemonClient(String host, int port, Duration connectTimeout, Duration replyTimeout, String token) {
        this.host = host;
        this.port = port;
        this.connectTimeout = connectTimeout;
        this.replyTimeout = replyTimeout;
        this.token = token;
    }

    /** The same client, sending {@code newToken} in the {@code auth} field of every request (null: none). */
    public DaemonClient withToken(String newToken) {
        return new DaemonClient(host, port, connectTimeout, replyTimeout, newToken);
    }

    /** Whether an ERR says the daemon wants a token or refused ours. */
    public static boolean isAuthenticationError(Message reply) {
        return reply.cmd() == Command.ERR
                && (reply.msg().startsWith(Extensions.AUTH_REQUIRED)
                        || reply.msg().startsWith(Extensions.AUTH_WRONG));
    }

    /** Sends {@code request} and returns the one reply frame. */
    public Message request(Message request) throws IOException, ProtocolException {
        List<Message> replies = exchange(request, false);
        if (replies.isEmpty()) {
            throw new IOException("the daemon closed the connection without answering " + request.cmd());
        }
        return replies.get(0);
    }

    /** Sends {@code request} and reads reply frames up to and including the first END or ERR. */
    public List<Message> requestUntilEnd(Message request) throws IOException, ProtocolException {
        List<Message> replies = exchange(request, true);
        if (replies.isEmpty() || !replies.get(replies.size() - 1).cmd().isReply()) {
            throw new IOException("the daemon closed the connection before END");
        }
        return replies;
    }

    public String host() throws IOException, ProtocolException, DaemonErrorException {
        return ok(request(Message.of(Command.HOST, LOCALHOST, port, ""))).msg();
    }

    /** One echo over the session with contact {@code peer} (PING): the round trip in milliseconds. */
    public double ping(String peer) throws IOException, ProtocolException, DaemonErrorException {
        Message end = ok(request(Message.of(Command.PING, peer, port, "")));
        return end.extension(Extensions.ROUND_TRIP)
                .filter(n -> n.isNumber())
                .map(n -> n.doubleValue())
                .orElseThrow(
                        () -> new IOException("the daemon's answer to PING has no '" + Extensions.ROUND_TRIP + "'"));
    }

    /** Peers with unread messages, in order of their first unread message. */
    public List<String> peersWithUnread() throws IOException, ProtocolException, DaemonErrorException {
        String list =
                ok(request(Message.of(Command.GET_PEERS, LOCALHOST, port, ""))).msg();
        return list.isEmpty() ? List.of() : Arrays.asList(list.split(","));
    }

    /** Pops the oldest unread message of {@code peer} (a RECV with date), or empty when there is none. */
    public Optional<Message> update(String peer) throws IOException, ProtocolException, DaemonErrorException {
        Message reply = ok(request(Message.of(Command.UPDATE, LOCALHOST, port, peer)));
        return reply.cmd() == Command.RECV ? Optional.of(reply) : Optional.empty();
    }

    /**
     * GET_PEERS with {@code wait} (protocol 2): returns at once when a peer has unread messages, otherwise the daemon
     * holds the request until a message arrives or {@code wait} (at most one minute) ends; then possibly empty.
     * The reply timeout of this client must be longer than {@code wait}.
     */
    public List<String> awaitPeersWithUnread(Duration wait)
            throws IOException, ProtocolException, DaemonErrorException {
        return peers(awaitPeersReply(wait));
    }

    /** As {@link #awaitPeersWithUnread}, the whole reply: its extensions say more ({@code requests}, {@code more}). */
    public Message awaitPeersReply(Duration wait) throws IOException, ProtocolException, DaemonErrorException {
        return awaitPeersReply(wait, Map.of());
    }

    /**
     * As {@link #awaitPeersReply(Duration)}, sending back the change tokens last seen (name to value: {@code requests},
     * {@code delivery}): the daemon then also answers as soon as one of them is out of date.
     */
    public Message awaitPeersReply(Duration wait, Map<String, String> seenTokens)
            throws IOException, ProtocolException, DaemonErrorException {
        Message request = Message.of(Command.GET_PEERS, LOCALHOST, port, "")
                .withExtension(Extensions.WAIT, JsonNodeFactory.instance.numberNode(wait.toMillis()));
        for (Map.Entry<String, String> token : seenTokens.entrySet()) {
            request = request.withExtension(token.getKey(), JsonNodeFactory.instance.textNode(token.getValue()));
        }
        return ok(request(request));
    }

    /** The peers a GET_PEERS reply lists. */
    public static List<String> peers(Message getPeersReply) {
        String list = getPeersReply.msg();
        return list.isEmpty() ? List.of() : Arrays.asList(list.split(","));
    }

    /** UPDATE with {@code wait} (protocol 2): like {@link #update}, but waits up to {@code wait} for a message. */
    public Optional<Message> awaitUpdate(String peer, Duration wait)
            throws IOException, ProtocolException, DaemonErrorException {
        Message reply = ok(request(Message.of(Command.UPDATE, LOCALHOST, port, peer)
                .withExtension(Extensions.WAIT, JsonNodeFactory.instance.numberNode(wait.toMillis()))));
        return reply.cmd() == Command.RECV ? Optional.of(reply) : Optional.empty();
    }

    /** Asks the daemon to deliver {@code text} to {@code peer}; returns the daemon's END. */
    public Message send(String peer, String text) throws IOException, ProtocolException, DaemonErrorException {
        return ok(request(Message.of(Command.SEND, peer, DEFAULT_PEER_PORT, text)));
    }

    /** The last {@code n} messages with {@code peer}, oldest first (HISTORY frames; the final END is dropped). */
    public List<Message> history(String peer, int n) throws IOException, ProtocolException, DaemonErrorException {
        return listing(Message.of(Command.HISTORY, peer, port, String.valueOf(n)));
    }

    /**
     * Stored messages whose words match {@code text}, newest first (SEARCH): in the conversation with {@code peer}
     * (an address or nickname), or in all when {@code peer} is empty; at most {@code limit}.
     */
    public List<Message> search(String peer, String text, int limit)
            throws IOException, ProtocolException, DaemonErrorException {
        return listing(Message.of(Command.SEARCH, peer, port, text)
                .withExtension(Extensions.LIMIT, JsonNodeFactory.instance.numberNode(limit)));
    }

    /** Creates a group named {@code name} (GROUP_CREATE, issue 16); returns its id. */
    public String createGroup(String name) throws IOException, ProtocolException, DaemonErrorException {
        return ok(request(Message.of(Command.GROUP_CREATE, LOCALHOST, port, name)))
                .msg();
    }

    /** The groups the daemon knows (GROUPS): one frame each, the group's id in {@code id}, its name in {@code msg}. */
    public List<Message> groups() throws IOException, ProtocolException, DaemonErrorException {
        return listing(Message.of(Command.GROUPS, LOCALHOST, port, ""));
    }

    /** The members of {@code group}, its id or unique name (GROUP_MEMBERS): one frame each, the address in {@code id}. */
    public List<Message> groupMembers(String group) throws IOException, ProtocolException, DaemonErrorException {
        return listing(Message.of(Command.GROUP_MEMBERS, LOCALHOST, port, group));
    }

    /** The creator invites {@code peers} (addresses or nicknames) to {@code group} (GROUP_INVITE); the END. */
    public Message inviteToGroup(String group, List<String> peers)
            throws IOException, ProtocolException, DaemonErrorException {
        ArrayNode names = JsonNodeFactory.instance.arrayNode();
        peers.forEach(names::add);
        return ok(request(
                Message.of(Command.GROUP_INVITE, LOCALHOST, port, group).withExtension(Extensions.PEERS, names)));
    }

    /** The invitations not yet answered (GROUP_INVITES): one frame each, the group's id in {@code id}. */
    public List<Message> groupInvites() throws IOException, ProtocolException, DaemonErrorException {
        return listing(Message.of(Command.GROUP_INVITES, LOCALHOST, port, ""));
    }

    /** GROUP_JOIN, GROUP_DECLINE or GROUP_LEAVE for {@code group}; the END (the group's id in {@code id}). */
    public Message groupStep(Command step, String group) throws IOException, ProtocolException, DaemonErrorException {
        return ok(request(Message.of(step, LOCALHOST, port, group)));
    }

    /** The creator removes {@code peer} from {@code group} (GROUP_REMOVE); the END. */
    public Message removeFromGroup(String group, String peer)
            throws IOException, ProtocolException, DaemonErrorException {
        return ok(request(Message.of(Command.GROUP_REMOVE, peer, port, group)));
    }

    /** Writes {@code text} to {@code group} (GROUP_SEND); the END, with {@code mid} and {@code seq}. */
    public Message sendToGroup(String group, String text) throws IOException, ProtocolException, DaemonErrorException {
        return ok(request(Message.of(Command.GROUP_SEND, LOCALHOST, port, text)
                .withExtension(Extensions.GROUP, JsonNodeFactory.instance.textNode(group))));
    }

    /** The last {@code limit} messages of {@code group}, oldest first (GROUP_HISTORY frames). */
    public List<Message> groupHistory(String group, int limit)
            throws IOException, ProtocolException, DaemonErrorException {
        return listing(Message.of(Command.GROUP_HISTORY, LOCALHOST, port, group)
                .withExtension(Extensions.LIMIT, JsonNodeFactory.instance.numberNode(limit)));
    }

    /** The oldest unread messages of all groups, at most {@code limit}, which are read from now on (GROUP_READ). */
    public List<Message> readGroups(int limit) throws IOException, ProtocolException, DaemonErrorException {
        return listing(Message.of(Command.GROUP_READ, LOCALHOST, port, "")
                .withExtension(Extensions.LIMIT, JsonNodeFactory.instance.numberNode(limit)));
    }

    /** Mutes or unmutes {@code group}, or one {@code member} of it (empty: the whole group) (GROUP_MUTE). */
    public Message muteInGroup(String group, String member, boolean muted)
            throws IOException, ProtocolException, DaemonErrorException {
        return ok(request(Message.of(Command.GROUP_MUTE, member, port, group)
                .withExtension(Extensions.MUTED, JsonNodeFactory.instance.booleanNode(muted))));
    }

    /** The contact list (CONTACTS, protocol 2): one frame per contact, details in extension fields. */
    public List<Message> contacts() throws IOException, ProtocolException, DaemonErrorException {
        return listing(Message.of(Command.CONTACTS, LOCALHOST, port, ""));
    }

    /**
     * Every stranger who wrote to us (REQUESTS, protocol 2), page by page: one frame each, the first message in
     * {@code msg}. The daemon caps how many requests it keeps ({@code maxrequests}).
     */
    public List<Message> requests() throws IOException, ProtocolException, DaemonErrorException {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> frames = requestUntilEnd(requestsPage(all.size(), REQUESTS_PAGE));
            Message end = ok(frames.get(frames.size() - 1));
            all.addAll(frames.subList(0, frames.size() - 1));
            if (end.extension(Extensions.MORE).map(JsonNode::asInt).orElse(0) <= 0 || frames.size() == 1) {
                return all;
            }
        }
    }

    /** The first {@code limit} requests, oldest first: what a screen shows, whatever strangers send. */
    public List<Message> firstRequests(int limit) throws IOException, ProtocolException, DaemonErrorException {
        return listing(requestsPage(0, limit));
    }

    private Message requestsPage(int offset, int limit) {
        return Message.of(Command.REQUESTS, LOCALHOST, port, String.valueOf(limit))
                .withExtension(Extensions.OFFSET, JsonNodeFactory.instance.numberNode(offset));
    }

    /**
     * A change of the contact list (ADD_CONTACT, RENAME, REMOVE_CONTACT, BLOCK, UNBLOCK, ACCEPT): {@code peer} is
     * an onion address or a nickname, {@code argument} the nickname where the command takes one (else empty).
     */
    public Message changeContact(Command command, String peer, String argument)
            throws IOException, ProtocolException, DaemonErrorException {
        return ok(request(Message.of(command, peer, port, argument)));
    }

    /** The frames of a listing reply, without the final END; an ERR becomes the exception. */
    private List<Message> listing(Message request) throws IOException, ProtocolException, DaemonErrorException {
        List<Message> frames = requestUntilEnd(request);
        ok(frames.get(frames.size() - 1));
        return frames.subList(0, frames.size() - 1);
    }

    /** The daemon's STATUS (protocol 2): a line for people in {@code msg}, details in extension fields. */
    public Message status() throws IOException, ProtocolException, DaemonErrorException {
        return ok(request(Message.of(Command.STATUS, LOCALHOST, port, "")));
    }

    /** The daemon's file transfers (TRANSFERS, protocol 2), oldest first; the final END is dropped. */
    public List<Message> transfers() throws IOException, ProtocolException, DaemonErrorException {
        List<Message> frames = requestUntilEnd(Message.of(Command.TRANSFERS, LOCALHOST, port, ""));
        ok(frames.get(frames.size() - 1));
        return frames.subList(0, frames.size() - 1);
    }

    /** Accepts ({@code accept}) or refuses an incoming file offer; returns the daemon's END. */
    public Message decideFile(String transferId, boolean accept)
            throws IOException, ProtocolException, DaemonErrorException {
        Command cmd = accept ? Command.FILEACCEPT : Command.FILEREJECT;
        return ok(request(Message.of(cmd, LOCALHOST, port, transferId)));
    }

    /**
     * Streams {@code file} to the daemon for {@code peer} (FILEUP, protocol 2); returns the daemon's END, whose
     * {@code tid} names the transfer. {@code progress} hears how many bytes the daemon has been sent.
     */
    public Message sendFile(String peer, java.nio.file.Path file, FileUpload.Progress progress)
            throws IOException, ProtocolException, DaemonErrorException {
        try (Socket socket = connect()) {
            return ok(new FileUpload(socket, replyTimeout)
                    .upload(authenticated(Message.of(Command.FILEUP, peer, DEFAULT_PEER_PORT, "")), file, progress));
        }
    }

    /** Hears the frames of a streamed reply, one at a time, as they arrive. */
    @FunctionalInterface
    public interface FrameConsumer {
        void accept(Message frame) throws IOException, ProtocolException;
    }

    /**
     * Sends {@code request} and hands each reply frame before the final END to {@code frames} as it arrives, never
     * holding them all: for replies of any length (BACKUP, EXPORT). Each frame gets the whole reply timeout.
     * Returns the END; an ERR becomes the exception.
     */
    public Message stream(Message request, FrameConsumer frames)
            throws IOException, ProtocolException, DaemonErrorException {
        try (Socket socket = connect()) {
            new FrameWriter(socket.getOutputStream()).write(MessageCodec.encode(authenticated(request)));
            DeadlineInputStream in = new DeadlineInputStream(socket, replyTimeout);
            FrameReader reader = new FrameReader(in);
            while (true) {
                in.renew();
                Optional<String> frame = reader.read();
                if (frame.isEmpty()) {
                    throw new IOException(
                            "the daemon closed the connection before the end of its " + request.cmd() + " reply");
                }
                Message reply = MessageCodec.decode(frame.get());
                if (reply.cmd().isReply()) {
                    return ok(reply);
                }
                frames.accept(reply);
            }
        }
    }

    /** Asks the daemon to shut down. */
    /** UNLOCK: opens sealed history with {@code passphrase} (docs/SEALING.md). */
    public Message unlock(char[] passphrase) throws IOException, ProtocolException, DaemonErrorException {
        return ok(request(Message.of(Command.UNLOCK, LOCALHOST, port, new String(passphrase))));
    }

    /** LOCK: the daemon forgets the key UNLOCK opened. */
    public Message lock() throws IOException, ProtocolException, DaemonErrorException {
        return ok(request(Message.of(Command.LOCK, LOCALHOST, port, "")));
    }

    public void exit() throws IOException, ProtocolException, DaemonErrorException {
        ok(request(Message.of(Command.EXIT, LOCALHOST, port, "")));
    }

    private List<Message> exchange(Message request, boolean untilEnd) throws IOException, ProtocolException {
        try (Socket socket = connect()) {
            new FrameWriter(socket.getOutputStream()).write(MessageCodec.encode(authenticated(request)));
            FrameReader reader = new FrameReader(new DeadlineInputStream(socket, replyTimeout));
            List<Message> replies = new ArrayList<>();
            Optional<String> frame;
            while ((frame = reader.read()).isPresent()) {
                Message reply = MessageCodec.decode(frame.get());
                replies.add(reply);
                if (!untilEnd || reply.cmd().isReply()) {
                    break;
                }
            }
            return replies;
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
            socket.setTcpNoDelay(true);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private Message authenticated(Message request) {
        return token == null
                ? request
                : request.withExtension(Extensions.AUTH, JsonNodeFactory.instance.textNode(token));
    }

    private static Message ok(Message reply) throws DaemonErrorException {
        if (reply.cmd() == Command.ERR) {
            throw new DaemonErrorException(reply);
        }
        return reply;
    }
}
