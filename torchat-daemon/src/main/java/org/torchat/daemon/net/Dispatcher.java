package org.torchat.daemon.net;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.torchat.protocol.Command;
import org.torchat.protocol.Message;

/**
 * Routes a request to the handler registered for its command on this listener. A command without a handler
 * here is refused; the listener's {@code refusal} text says why (for example, client commands on the peer port).
 */
public final class Dispatcher {
    /** Says why a listener does not take a command. */
    @FunctionalInterface
    public interface Refusal {
        String reason(Command command);
    }

    private final Map<Command, CommandHandler> handlers;
    private final Map<Command, StreamingHandler> streams;
    private final Refusal refusal;

    public Dispatcher(Map<Command, CommandHandler> handlers, Refusal refusal) {
        this(handlers, Map.of(), refusal);
    }

    /** {@code streams}: commands whose handler reads further frames of the same connection. */
    public Dispatcher(Map<Command, CommandHandler> handlers, Map<Command, StreamingHandler> streams, Refusal refusal) {
        this.handlers = handlers.isEmpty() ? Map.of() : new EnumMap<>(handlers);
        this.streams = streams.isEmpty() ? Map.of() : new EnumMap<>(streams);
        this.refusal = refusal;
    }

    public void dispatch(Message request, ReplySink replies) throws RequestException, IOException {
        dispatch(request, FrameSource.NONE, replies);
    }

    public void dispatch(Message request, FrameSource more, ReplySink replies) throws RequestException, IOException {
        StreamingHandler stream = streams.get(request.cmd());
        if (stream != null) {
            stream.handle(request, more, replies);
            return;
        }
        CommandHandler handler = Optional.ofNullable(handlers.get(request.cmd()))
                .orElseThrow(() -> new RequestException(refusal.reason(request.cmd())));
        handler.handle(request, replies);
    }
}
