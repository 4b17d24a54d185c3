package org.torchat.daemon.session;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.torchat.daemon.net.Arguments;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.peer.IncomingMessages;
import org.torchat.daemon.peer.MessageFields;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.onion.OnionAddress;
import org.torchat.protocol.session.SessionException;

/**
 * Acts on one authenticated frame from a session: stores messages and acknowledges each (or says why not, with
 * its id), hands acknowledgements of ours to the delivery engine, notes the contact's presence. Anything else
 * inside a session ends it.
 */
final class SessionReceiver {
    private final OnionAddress self;
    private final IncomingMessages incoming;
    private final SessionEvents events;
    private final Runnable presenceChanged;

    SessionReceiver(OnionAddress self, IncomingMessages incoming, SessionEvents events, Runnable presenceChanged) {
        this.self = self;
        this.incoming = incoming;
        this.events = events;
        this.presenceChanged = presenceChanged;
    }

    void handle(SessionLink link, Message frame) throws IOException, SessionException {
        switch (frame.cmd()) {
            case RECV -> store(link, frame);
            case END -> events.acknowledged(link, messageId(frame));
            case ERR -> events.refused(link, messageId(frame), frame.msg());
            case PING -> ping(link, frame);
            case PRESENCE -> presence(link, frame);
            default -> throw new SessionException(frame.cmd() + " is not a frame of a session");
        }
    }

    private void store(SessionLink link, Message frame) throws IOException, SessionException {
        String messageId = messageId(frame);
        try {
            String text = Arguments.text(frame.msg(), "msg");
            Instant sentAt = timestamp(frame);
            incoming.accept(link.peer(), messageId, text, sentAt, true, "session");
            link.send(SessionFrames.ack(self, messageId));
        } catch (RequestException e) {
            link.send(SessionFrames.refusal(self, messageId, e.getMessage()));
        }
    }

    /**
     * A heartbeat needs nothing but having been read. An echo request is answered at once, unless the session's
     * writer is busy: a contact flooding requests gets at most what it reads, and no queue grows here.
     */
    private void ping(SessionLink link, Message frame) throws IOException, SessionException {
        Optional<String> echo = token(frame, Extensions.ECHO);
        if (echo.isPresent()) {
            link.trySend(SessionFrames.echoed(self, echo.get()));
        }
        token(frame, Extensions.ECHOED).ifPresent(link::echoed);
    }

    private static Optional<String> token(Message frame, String field) throws SessionException {
        Optional<com.fasterxml.jackson.databind.JsonNode> value = frame.extension(field);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!value.get().isTextual() || value.get().textValue().length() > SessionLink.MAX_ECHO_TOKEN) {
            throw new SessionException("'" + field + "' must be a string of at most " + SessionLink.MAX_ECHO_TOKEN
                    + " characters");
        }
        return Optional.of(value.get().textValue());
    }

    private void presence(SessionLink link, Message frame) throws SessionException {
        Presence said = Presence.fromFrame(frame.msg()).orElseThrow(
                () -> new SessionException("PRESENCE must say online or away"));
        if (link.presence() != said) {
            link.presence(said);
            presenceChanged.run();
        }
    }

    /** Every message and acknowledgement in a session names its message: without one it cannot be answered. */
    private static String messageId(Message frame) throws SessionException {
        String id;
        try {
            id = MessageFields.messageId(frame);
        } catch (RequestException e) {
            throw new SessionException(e.getMessage());
        }
        if (id == null) {
            throw new SessionException(frame.cmd() + " in a session needs '" + Extensions.MESSAGE_ID + "'");
        }
        return id;
    }

    private static Instant timestamp(Message frame) throws RequestException {
        Instant ts = MessageFields.timestamp(frame);
        if (ts == null) {
            throw new RequestException("a message in a session needs '" + Extensions.TIMESTAMP + "'");
        }
        return ts;
    }
}
