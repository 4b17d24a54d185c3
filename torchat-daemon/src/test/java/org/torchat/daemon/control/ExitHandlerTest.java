package org.torchat.daemon.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.torchat.protocol.Command;
import org.torchat.protocol.Message;
import org.torchat.protocol.MessageCodec;

class ExitHandlerTest {
    @Test
    void answersEndThenRequestsShutdown() throws Exception {
        List<String> events = new ArrayList<>();
        ExitHandler handler = new ExitHandler(() -> events.add("shutdown"));

        handler.handle(
                Message.of(Command.EXIT, "localhost", 8000, ""), reply -> events.add(MessageCodec.encode(reply)));

        assertEquals(
                List.of("{\"cmd\":\"END\",\"id\":\"localhost\",\"msg\":\"\",\"portno\":8000}", "shutdown"), events);
    }

    @Test
    void shutdownIsRequestedOncePerExit() throws Exception {
        int[] calls = {0};
        ExitHandler handler = new ExitHandler(() -> calls[0]++);

        handler.handle(Message.of(Command.EXIT, "x", 1, ""), reply -> {});
        assertEquals(1, calls[0]);
    }
}
