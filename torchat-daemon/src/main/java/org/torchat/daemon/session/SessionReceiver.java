package org.torchat.daemon.session;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.torchat.daemon.net.Arguments;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.peer.IncomingMessages;
import org.torchat.daemon.peer.MessageFields;
import org.torchat.daemon.store.Inbox;
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
    private final Consumer<OnionAddress> reachable;
    private final Predicate<OnionAddress> isContact;
    private final StrangerGate strangers;
    private final SessionTraffic traffic;

    /**
     * {@code isContact}: whether the peer is a contact; a fellow group member who is not one may hold a session with
     * us, and its one-to-one messages there are a stranger's: they pass {@code strangers} (the rule and budget of a
     * one-shot RECV from a stranger) and become requests. {@code traffic}: the group frames.
     * {@code reachable}: told (at most once a second per session) that a contact whose message came is online. */
    SessionReceiver(
            OnionAddress self,
            IncomingMessages incoming,
            SessionEvents events,
            Runnable presenceChanged,
            Consumer<OnionAddress> reachable,
            Predicate<OnionAddress> isContact,
            StrangerGate strangers,
            SessionTraffic traffic) {
        this.self = self;
        this.isContact = isContact;
        this.strangers = strangers;
        this.traffic = traffic;
        this.incoming = incoming;
        this.events = events;
        this.presenceChanged = presenceChanged;
        this.reachable = reachable;
    }

    /** A session opened: the features carried inside sessions may have something for its peer. */
    void opened(SessionLink link) {
        traffic.opened(link);
    }

    void closed(SessionLink link) {
        traffic.closed(link);
    }

    /** Acts on one frame other than a message (messages go to {@link #store}, in batches). */
    void handle(SessionLink link, Message frame) throws IOException, SessionException {
        switch (frame.cmd()) {
            case RECV -> store(link, List.of(frame));
            case END -> events.acknowledged(link, messageId(frame));
            case ERR -> events.refused(link, messageId(frame), frame.msg());
            case PING -> ping(link, frame);
            case PRESENCE -> presence(link, frame);
            default -> {
                if (!traffic.carries(frame.cmd())) {
                    throw new SessionException(frame.cmd() + " is not a frame of a session");
                }
                traffic.handle(link, frame);
            }
        }
    }

    /**
     * Stores messages that arrived together in one transaction, then acknowledges each in order, or says with an
     * ERR why one was not stored (a cap, the clock); the contact sends that one again later.
     */
    void store(SessionLink link, List<Message> frames) throws IOException, SessionException {
        boolean stranger = !isContact.test(link.peer()); // a fellow group member: its messages are requests
        Message[] answers = new Message[frames.size()];
        List<Inbox.Incoming> valid = new ArrayList<>(frames.size());
        List<Integer> positions = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            Message frame = frames.get(i);
            String messageId = messageId(frame);
            try {
                Inbox.Incoming m = new Inbox.Incoming(messageId, Arguments.text(frame.msg(), "msg"), timestamp(frame));
                if (stranger) {
                    strangers.admit(link.peer());
                }
                valid.add(m);
                positions.add(i);
            } catch (RequestException e) {
                answers[i] = SessionFrames.refusal(self, messageId, e.getMessage());
            }
        }
        List<IncomingMessages.Accepted> accepted =
                valid.isEmpty() ? List.of() : incoming.acceptAll(link.peer(), valid, true, "session");
        for (int k = 0; k < accepted.size(); k++) {
            IncomingMessages.Accepted a = accepted.get(k);
            answers[positions.get(k)] = a.refusal() == null
                    ? SessionFrames.ack(self, a.messageId())
                    : SessionFrames.refusal(self, a.messageId(), a.refusal().getMessage());
        }
        for (Message answer : answers) {
            link.send(answer);
        }
        if (link.reachableAgain()) {
            reachable.accept(link.peer()); // as a one-shot RECV does: files waiting on a long backoff go now
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
            throw new SessionException(
                    "'" + field + "' must be a string of at most " + SessionLink.MAX_ECHO_TOKEN + " characters");
        }
        return Optional.of(value.get().textValue());
    }

    private void presence(SessionLink link, Message frame) throws SessionException {
        Presence said = Presence.fromFrame(frame.msg())
                .orElseThrow(() -> new SessionException("PRESENCE must say online or away"));
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
