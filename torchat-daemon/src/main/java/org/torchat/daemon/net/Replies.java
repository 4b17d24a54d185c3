package org.torchat.daemon.net;

import org.torchat.protocol.Command;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/** The reply shapes shared by several handlers, as the original C daemon writes them. */
public final class Replies {
    private Replies() {}

    /** ERR carries our own address in {@code id}, as the C daemon's SEND errors do. */
    public static Message error(OnionAddress self, int portno, String reason) {
        return Message.of(Command.ERR, self.hostname(), portno, reason);
    }

    /**
     * {@code text} cut to {@code max} characters, "..." marking the cut: what a reply quotes from elsewhere (a
     * peer's error, a stored error) must leave the frame room for everything else.
     */
    public static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    /** The generic success reply. */
    public static Message end(String id, int portno, String msg) {
        return Message.of(Command.END, id, portno, msg);
    }
}
