package org.torchat.tui.cli;

import org.torchat.protocol.Nicknames;
import org.torchat.tui.UsageException;

/**
 * A peer named on the command line: a v3 onion address (checked here, canonical form returned) or a contact's
 * nickname (passed on: the daemon knows the nicknames), or a usage error saying why it is neither.
 */
final class PeerArgument {
    private PeerArgument() {
    }

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
