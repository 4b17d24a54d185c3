package org.torchat.tui.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How a popped message reads in `torchat read` and in the TUI's notices: an unsigned one says so. */
class IncomingMessageTest {
    @Test
    void anUnsignedMessageIsMarkedAndASignedOneOrOneFromAnOlderDaemonIsNot() {
        assertEquals("[18:57] hi (unverified)", new IncomingMessage("b.onion", "18:57", "hi", false).display());
        assertEquals("[18:57] hi", new IncomingMessage("b.onion", "18:57", "hi", true).display());
        assertEquals("[18:57] hi", new IncomingMessage("b.onion", "18:57", "hi").display());
    }
}
