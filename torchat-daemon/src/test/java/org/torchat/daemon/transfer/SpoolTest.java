package org.torchat.daemon.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchat.daemon.store.DataDirectory;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;

class SpoolTest {
    private static final OnionAddress BOB = Ed25519Identity.generate().onionAddress();
    private static final String TID = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path tmp;

    @Test
    void aPartialFileIsCutBackToWhatWasAcknowledged() throws Exception {
        try (DataDirectory dir = DataDirectory.open(tmp.resolve("data"))) {
            Spool spool = Spool.open(dir);
            Files.write(spool.partial(BOB, TID), new byte[2000]);

            try (FileChannel out = spool.openPartial(BOB, TID, 1000)) {
                assertEquals(1000, out.position());
                assertEquals(1000, out.size());
            }
        }
    }

    @Test
    void aPartialFileShorterThanAcknowledgedContinuesFromWhatItHolds() throws Exception {
        try (DataDirectory dir = DataDirectory.open(tmp.resolve("data"))) {
            Spool spool = Spool.open(dir);
            Files.write(spool.partial(BOB, TID), new byte[500]);

            try (FileChannel out = spool.openPartial(BOB, TID, 1000)) {
                assertEquals(500, out.position(), "no hole: the sender resends from 500");
            }
        }
    }

    @Test
    void aLostPartialFileStartsAgainFromZero() throws Exception {
        try (DataDirectory dir = DataDirectory.open(tmp.resolve("data"))) {
            Spool spool = Spool.open(dir);

            try (FileChannel out = spool.openPartial(BOB, TID, 1000)) {
                assertEquals(0, out.position());
            }
        }
    }
}
