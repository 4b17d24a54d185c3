package org.torchat.daemon.net;

import org.torchat.protocol.Command;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;

/** The reply shapes shared by several handlers, as the original C daemon writes them. */
public final class Replies {
    private Replies() {
    }

    /** ERR carries our own address in {@code id}, as the C daemon's SEND errors do. */
    public static Message error(OnionAddress self, int portno, String reason) {
        return Message.of(Command.ERR, self.hostname(), portno, reason);
    }

    /** The generic success reply. */
    public static Message end(String id, int portno, String msg) {
        return Message.of(Command.END, id, portno, msg);
    }
}
