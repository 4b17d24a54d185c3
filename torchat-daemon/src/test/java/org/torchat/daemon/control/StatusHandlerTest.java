package org.torchat.daemon.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.torchat.daemon.tor.AppliedDefences;
import org.torchat.daemon.tor.BootstrapPhase;
import org.torchat.daemon.tor.TorStatus;
import org.torchat.protocol.Command;
import org.torchat.protocol.Message;
import org.torchat.protocol.MessageCodec;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;

class StatusHandlerTest {
    private static final OnionAddress SELF = Ed25519Identity.generate().onionAddress();

    private final List<Message> replies = new ArrayList<>();

    private Message status(Optional<TorStatus> tor) throws Exception {
        new StatusHandler(SELF, () -> tor, () -> "clear")
                .handle(Message.of(Command.STATUS, "localhost", 8000, ""), replies::add);
        assertEquals(1, replies.size());
        return replies.get(0);
    }

    @Test
    void theDefencesTorAcceptedAreAnAdditiveObject() throws Exception {
        TorStatus published = new TorStatus(
                TorStatus.State.READY,
                BootstrapPhase.NONE,
                SELF.serviceId(),
                2,
                null,
                new AppliedDefences(AppliedDefences.Pow.ON, 20, 200, 16));
        String json = MessageCodec.encode(status(Optional.of(published)));
        assertTrue(
                json.contains("\"defences\":{\"pow\":\"on\",\"powqueuerate\":20,\"powqueueburst\":200,"
                        + "\"maxstreams\":16}"),
                json);
        assertTrue(json.contains("\"published\":true"), json);
    }

    @Test
    void withoutAcceptedDefencesThereIsNoDefencesField() throws Exception {
        TorStatus starting = TorStatus.starting();
        assertTrue(status(Optional.of(starting)).extension("defences").isEmpty());
        replies.clear();
        assertTrue(status(Optional.empty()).extension("defences").isEmpty());
    }
}
