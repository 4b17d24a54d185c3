package org.torchat.tui.cli;

import org.torchat.protocol.onion.InvalidOnionAddressException;
import org.torchat.protocol.onion.OnionAddress;
import org.torchat.tui.UsageException;

/** A peer named on the command line: parsed as a v3 onion address, or a usage error with the reason. */
final class OnionArgument {
    private OnionArgument() {}

    /** The canonical hostname ({@code <56 chars>.onion}) of {@code text}. */
    static String parse(String text) throws UsageException {
        try {
            return OnionAddress.parse(text).hostname();
        } catch (InvalidOnionAddressException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
