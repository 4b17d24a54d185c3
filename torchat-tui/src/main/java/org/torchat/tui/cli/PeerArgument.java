package org.torchat.tui.cli;

import org.torchat.protocol.Nicknames;
import org.torchat.tui.TorchatException;
import org.torchat.tui.UsageException;
import org.torchat.tui.daemon.ContactEntry;
import org.torchat.tui.daemon.DaemonApi;

/**
 * A peer named on the command line: a v3 onion address (checked here, canonical form returned) or a contact's
 * nickname (passed on: the daemon knows the nicknames), or a usage error saying why it is neither.
 */
final class PeerArgument {
    private PeerArgument() {}

    static String parse(String text) throws UsageException {
        if (Nicknames.looksLikeAddress(text)) {
            return OnionArgument.parse(text);
        }
        String problem = Nicknames.problem(text).orElse(null);
        if (problem != null) {
            throw new UsageException("'" + text + "' is neither an onion address nor a nickname: " + problem);
        }
        return text;
    }

    /**
     * The onion address of a peer named by {@link #parse}: itself, or the address of the contact with that nickname
     * (any letter case), for requests that take only an address (FILEUP).
     */
    static String address(String parsed, DaemonApi api) throws TorchatException {
        if (Nicknames.looksLikeAddress(parsed)) {
            return parsed;
        }
        for (ContactEntry c : api.contacts()) {
            if (c.nickname() != null && Nicknames.key(c.nickname()).equals(Nicknames.key(parsed))) {
                return c.address();
            }
        }
        throw new UsageException("'" + parsed + "' is not a contact's nickname (torchat contacts lists them), "
                + "nor an onion address");
    }

    /** A new nickname, or null when none was given. */
    static String nickname(String text) throws UsageException {
        if (text == null) {
            return null;
        }
        String problem = Nicknames.problem(text).orElse(null);
        if (problem != null) {
            throw new UsageException("bad nickname: " + problem);
        }
        return text;
    }
}
