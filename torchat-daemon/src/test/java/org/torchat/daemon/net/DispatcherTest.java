package org.torchat.daemon.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torchat.protocol.Command;
import org.torchat.protocol.Message;

class DispatcherTest {
    private final List<Command> refusedAsked = new ArrayList<>();
    private final Dispatcher.Refusal refusal = command -> {
        refusedAsked.add(command);
        return command + " is a client command and is not accepted on the peer port";
    };

    private static Message request(Command cmd) {
        return Message.of(cmd, "localhost", 8000, "");
    }

    @Test
    void anUnregisteredCommandIsRefusedWithTheRefusalText() {
        Dispatcher dispatcher = new Dispatcher(Map.of(Command.RECV, (r, s) -> {}), refusal);

        RequestException e =
                assertThrows(RequestException.class, () -> dispatcher.dispatch(request(Command.EXIT), reply -> {}));

        assertEquals("EXIT is a client command and is not accepted on the peer port", e.getMessage());
        assertEquals(List.of(Command.EXIT), refusedAsked);
    }

    @Test
    void withNoHandlersEverythingIsRefused() {
        Dispatcher dispatcher = new Dispatcher(Map.of(), command -> "no " + command);

        for (Command c : Command.values()) {
            RequestException e =
                    assertThrows(RequestException.class, () -> dispatcher.dispatch(request(c), reply -> {}));
            assertEquals("no " + c, e.getMessage());
        }
    }

    @Test
    void aRegisteredCommandGoesToItsHandlerWithTheRequestAndSink() throws Exception {
        List<Message> seen = new ArrayList<>();
        List<Message> replies = new ArrayList<>();
        Message request = request(Command.HOST);
        Dispatcher dispatcher = new Dispatcher(
                Map.of(
                        Command.HOST,
                                (r, s) -> {
                                    seen.add(r);
                                    s.send(Message.of(Command.HOST, r.id(), r.portno(), "me"));
                                },
                        Command.EXIT,
                                (r, s) -> {
                                    throw new AssertionError("wrong handler");
                                }),
                refusal);

        dispatcher.dispatch(request, replies::add);

        assertEquals(1, seen.size());
        assertSame(request, seen.get(0));
        assertEquals(List.of(Message.of(Command.HOST, "localhost", 8000, "me")), replies);
        assertEquals(List.of(), refusedAsked);
    }

    @Test
    void handlersRegisteredLaterDoNotLeakIn() {
        Map<Command, CommandHandler> handlers = new EnumMap<>(Command.class);
        handlers.put(Command.RECV, (r, s) -> {});
        Dispatcher dispatcher = new Dispatcher(handlers, refusal);

        handlers.put(Command.EXIT, (r, s) -> {});

        assertThrows(RequestException.class, () -> dispatcher.dispatch(request(Command.EXIT), reply -> {}));
    }
}
