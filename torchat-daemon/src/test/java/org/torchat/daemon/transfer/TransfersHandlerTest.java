package org.torchat.daemon.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.torchat.daemon.store.Direction;
import org.torchat.daemon.store.Transfer;
import org.torchat.daemon.store.TransferState;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Frames;
import org.torchat.protocol.Message;
import org.torchat.protocol.MessageCodec;
import org.torchat.protocol.identity.Ed25519Identity;

class TransfersHandlerTest {
    @Test
    void aPeersFrameLongErrorIsCutSoThatTheListingStillFitsAFrame() {
        String longest = "n".repeat(200);
        Transfer t = new Transfer(
                1,
                "0123456789abcdef0123456789abcdef",
                Ed25519Identity.generate().onionAddress(),
                Direction.IN,
                longest,
                5,
                "0".repeat(64),
                TransferState.FAILED,
                0,
                80,
                Path.of("/" + "p".repeat(250)),
                Instant.EPOCH,
                Instant.EPOCH,
                3,
                null,
                "the peer refused the file: " + "\u0001".repeat(9000)); // a hostile peer's ERR text, escaped 6x

        Message frame = TransfersHandler.frame(t, 65535);

        String json = MessageCodec.encode(frame);
        assertTrue(json.getBytes(StandardCharsets.UTF_8).length <= Frames.MAX_PAYLOAD, json.length() + " bytes");
        assertEquals(
                TransfersHandler.MAX_ERROR_CHARS,
                frame.extension(Extensions.ERROR).orElseThrow().asText().length());
    }
}
