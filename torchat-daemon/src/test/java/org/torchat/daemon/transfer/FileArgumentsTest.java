package org.torchat.daemon.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.torchat.daemon.net.RequestException;
import org.torchat.protocol.Command;
import org.torchat.protocol.Message;

class FileArgumentsTest {
    private static Message offer(String name) {
        return Message.of(Command.FILEUP, "x", 80, name);
    }

    @Test
    void aNameWithHalfASurrogatePairIsRefusedBeforeAnythingIsStored() {
        for (String name : new String[] {"\uD800", "a\uDC00b", "photo\uD83D.jpg", "\uDE00\uD83D"}) {
            RequestException e = assertThrows(RequestException.class, () -> FileArguments.name(offer(name)));
            assertTrue(e.getMessage().contains("not valid Unicode"), e.getMessage());
        }
    }

    @Test
    void wholePairsAndOrdinaryNamesAreKept() throws Exception {
        assertEquals("photo \uD83D\uDE00.jpg", FileArguments.name(offer("photo \uD83D\uDE00.jpg")));
        assertEquals("report.pdf", FileArguments.name(offer("report.pdf")));
    }
}
