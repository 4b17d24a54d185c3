package org.torchat.tui.daemon;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.torchat.protocol.Command;
import org.torchat.protocol.client.FileUpload;
import org.torchat.tui.ClientFailureException;
import org.torchat.tui.TorchatException;

/**
 * What torchat asks of a daemon, with failures already turned into {@link TorchatException}s that carry the
 * line the user sees. The scripting subcommands, the TUI and the tests' fakes all go through this.
 */
public interface DaemonApi {
    /** {@code host:port}, for messages. */
    String endpoint();

    /** Our onion address (HOST). */
    String host() throws TorchatException;

    /** Peers with unread messages, oldest first (GET_PEERS). */
    List<String> peersWithUnread() throws TorchatException;

    /**
     * GET_PEERS with {@code wait} (long poll): at once when a peer has unread messages, otherwise when a message
     * arrives or {@code wait} (at most 60 s) has passed, then possibly empty. A daemon that does not know
     * {@code wait} answers at once.
     */
    List<String> awaitPeersWithUnread(Duration wait) throws TorchatException;

    /** Pops the oldest unread message of {@code peer} (UPDATE), or empty when there is none. */
    Optional<IncomingMessage> popUnread(String peer) throws TorchatException;

    /** Asks the daemon to deliver {@code text} to {@code peer} (SEND); returns once the daemon has queued it. */
    void send(String peer, String text) throws TorchatException;

    /** The last {@code n} messages with {@code peer}, oldest first (HISTORY). */
    List<HistoryEntry> history(String peer, int n) throws TorchatException;

    /**
     * Stored messages whose words match {@code text}, newest first, at most {@code limit} (SEARCH): with {@code peer}
     * (an address or nickname), in that conversation; with null, in all. The daemon searches its index.
     */
    List<SearchMatch> search(String peer, String text, int limit) throws TorchatException;

    /**
     * Tells the daemon that the user is active here (ACTIVITY), so contacts do not see us away. A daemon without
     * presence has nothing to be told: the default does nothing.
     */
    default void activity() throws TorchatException {}

    /**
     * One echo over the session with {@code peer} (PING): the round trip in milliseconds. The daemon's ERR (no
     * session, no answer) is thrown.
     */
    default double ping(String peer) throws TorchatException {
        throw new ClientFailureException("this connection cannot ping");
    }

    /** Creates a group named {@code name} (GROUP_CREATE); returns its id. */
    default String createGroup(String name) throws TorchatException {
        throw new ClientFailureException("this connection cannot create groups");
    }

    /** The groups the daemon knows, in the order it learned of them (GROUPS). */
    default List<GroupEntry> groups() throws TorchatException {
        throw new ClientFailureException("this connection cannot list groups");
    }

    /** The members of {@code group}, its id or unique name (GROUP_MEMBERS). */
    default List<GroupMember> groupMembers(String group) throws TorchatException {
        throw new ClientFailureException("this connection cannot list a group's members");
    }

    /** The creator invites {@code peers} (addresses or nicknames) to {@code group} (GROUP_INVITE). */
    default void inviteToGroup(String group, List<String> peers) throws TorchatException {
        throw new ClientFailureException("this connection cannot invite to groups");
    }

    /** Invitations not yet answered (GROUP_INVITES). */
    default List<GroupInvitation> groupInvites() throws TorchatException {
        throw new ClientFailureException("this connection cannot list invitations");
    }

    /** GROUP_JOIN, GROUP_DECLINE or GROUP_LEAVE; returns the group's id. */
    default String groupStep(Command step, String group) throws TorchatException {
        throw new ClientFailureException("this connection cannot answer invitations");
    }

    /** The creator removes {@code peer} from {@code group} (GROUP_REMOVE). */
    default void removeFromGroup(String group, String peer) throws TorchatException {
        throw new ClientFailureException("this connection cannot remove group members");
    }

    /** Writes {@code text} to {@code group} (GROUP_SEND); returns our sequence number of it. */
    default long sendToGroup(String group, String text) throws TorchatException {
        throw new ClientFailureException("this connection cannot write to groups");
    }

    /** The last {@code limit} messages of {@code group}, oldest first (GROUP_HISTORY). */
    default List<GroupPost> groupHistory(String group, int limit) throws TorchatException {
        throw new ClientFailureException("this connection cannot read groups");
    }

    /**
     * Unread messages of all groups, oldest first, at most {@code limit}; read from now on (GROUP_READ). A connection
     * without groups has none.
     */
    default List<GroupPost> readGroups(int limit) throws TorchatException {
        return List.of();
    }

    /** Mutes or unmutes {@code group}, or one {@code member} in it (null: the whole group) (GROUP_MUTE). */
    default void muteInGroup(String group, String member, boolean muted) throws TorchatException {
        throw new ClientFailureException("this connection cannot mute groups");
    }

    /** The daemon's state in one line (STATUS): Tor's bootstrap, whether our onion service is published. */
    String status() throws TorchatException;

    /** For {@code torchat status}: that line, then the defences tor accepted for our onion service, if it says. */
    default List<String> statusReport() throws TorchatException {
        return List.of(status());
    }

    /** The contacts, and blocked addresses, with nicknames and unread counts (CONTACTS). */
    List<ContactEntry> contacts() throws TorchatException;

    /** Strangers who wrote to us, each with its first message (REQUESTS). */
    List<ContactEntry> requests() throws TorchatException;

    /**
     * A change token (docs/PROTOCOL.md, "Change tokens": {@code requests}, {@code delivery}) as the last
     * {@link #awaitPeersWithUnread} answered it: it changes when what it stands for does. Empty when the daemon does
     * not send it (then a client must ask to know).
     */
    default Optional<String> changeToken(String name) {
        return Optional.empty();
    }

    /** The oldest requests, as many as a screen can list: what the TUI asks for, cheap under any flood. */
    default List<ContactEntry> firstRequests() throws TorchatException {
        return requests();
    }

    /** Changes the contact list (ADD_CONTACT, RENAME, ...); returns the peer's entry afterwards. */
    ContactEntry changeContact(ContactChange change) throws TorchatException;

    /**
     * Streams {@code file} (on this machine) to the daemon, which sends it to {@code peer} in the background (FILEUP);
     * returns the transfer's id once the daemon has the whole file. {@code progress} hears the bytes sent so far.
     */
    String sendFile(String peer, Path file, FileUpload.Progress progress) throws TorchatException;

    /** The daemon's file transfers, both directions, oldest first (TRANSFERS). */
    List<TransferEntry> transfers() throws TorchatException;

    /** Accepts ({@code accept}) or refuses an incoming file offer (FILEACCEPT / FILEREJECT). */
    void decideFile(String transferId, boolean accept) throws TorchatException;

    /** Whether the daemon's history is sealed and locked (STATUS {@code history}): then it must be unlocked to read. */
    default boolean historyLocked() throws TorchatException {
        return false;
    }

    /** Opens sealed history with {@code passphrase} (UNLOCK); the daemon's ERR (e.g. wrong passphrase) is thrown. */
    default void unlock(char[] passphrase) throws TorchatException {
        throw new ClientFailureException("this connection cannot unlock");
    }

    /** Makes sealed history unreadable again (LOCK). */
    default void lock() throws TorchatException {
        throw new ClientFailureException("this connection cannot lock");
    }

    /** Asks the daemon to shut down (EXIT). */
    void stop() throws TorchatException;

    /**
     * BACKUP (issue 17): the daemon's backup bundle, streamed into {@code out}, checked against the daemon's size and
     * SHA-256; returns its size. Default: refused, for connections (the screen tests' fakes) that have no daemon.
     */
    default long backup(OutputStream out) throws TorchatException {
        throw new ClientFailureException("this connection cannot take backups");
    }

    /** EXPORT (issue 17): the whole conversation with {@code peer}, oldest first, each message handed to {@code each}. */
    default long export(String peer, Consumer<HistoryEntry> each) throws TorchatException {
        throw new ClientFailureException("this connection cannot export conversations");
    }
}
