package org.torchat.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.torchat.protocol.Command;
import org.torchat.protocol.Message;
import org.torchat.tui.FakeDaemonServer;

/** {@code torchat status} with the STATUS {@code defences} object a daemon adds once tor accepted its service. */
@Timeout(30)
class StatusCommandTest extends CommandLineHarness {

    private static ObjectNode defences(String pow, int rate, int burst, int maxStreams) {
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.put("pow", pow);
        d.put("powqueuerate", rate);
        d.put("powqueueburst", burst);
        d.put("maxstreams", maxStreams);
        return d;
    }

    private List<String> statusWith(ObjectNode defences) throws IOException {
        daemon = new FakeDaemonServer(
                r -> List.of(Message.of(Command.STATUS, "localhost", 80, "tor ready, onion service published")
                        .withExtension("defences", defences)));
        assertEquals(0, run("status", "-p", port()));
        return out.toString().lines().toList();
    }

    @Test
    void theDefencesTorAcceptedFollowOnASecondLine() throws IOException {
        assertEquals(
                List.of(
                        "tor ready, onion service published",
                        "defences: proof of work on (queue 20/s, burst 200), at most 16 streams per rendezvous circuit"),
                statusWith(defences("on", 20, 200, 16)));
    }

    @Test
    void anOldTorWithoutProofOfWorkAndNoStreamLimitAreSaidAsSuch() throws IOException {
        assertEquals(
                "defences: proof of work unavailable (tor too old), no limit on streams per circuit",
                statusWith(defences("unsupported", 0, 0, 0)).get(1));
    }
}
