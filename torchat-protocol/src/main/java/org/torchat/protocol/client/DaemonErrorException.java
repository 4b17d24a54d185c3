package org.torchat.protocol.client;

import org.torchat.protocol.Message;

/** The daemon answered ERR; {@link #getMessage()} is the daemon's reason. */
public final class DaemonErrorException extends Exception {
    private final transient Message reply;

    public DaemonErrorException(Message reply) {
        super(reply.msg());
        this.reply = reply;
    }

    public Message reply() {
        return reply;
    }
}
