package org.torchat.daemon.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A flood of warnings costs the log a few lines and one summary a minute. */
class WarningDigestTest {
    private final AtomicLong now = new AtomicLong(5_000_000);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final WarningDigest digest;

    WarningDigestTest() {
        LoggerContext context = new LoggerContext();
        lines.setContext(context);
        lines.start();
        Logger log = context.getLogger("test");
        log.addAppender(lines);
        digest = new WarningDigest(log, 3, 60_000, now::get);
    }

    @Test
    void pastItsShareAWindowCountsByKindAndSumsUpWhenItEnds() {
        for (int i = 0; i < 1204; i++) {
            digest.warn(i % 2 == 0 ? "bad frames" : "refused RECV", "peer {}: problem {}", "127.0.0.1", i);
        }
        assertEquals(3, lines.list.size(), "only the window's share is written");
        now.addAndGet(60_000);
        digest.flush();
        assertEquals(4, lines.list.size());
        String summary = lines.list.get(3).getFormattedMessage();
        assertEquals(
                "1,201 more warnings in the last 60 s, counted and not logged one by one: "
                        + "600 bad frames, 601 refused RECV",
                summary);
    }

    @Test
    void aNewWindowLogsAgainAndAQuietOneWritesNothing() {
        digest.warn("k", "one");
        now.addAndGet(61_000);
        digest.flush();
        assertEquals(1, lines.list.size(), "nothing was counted, so there is no summary");
        for (int i = 0; i < 5; i++) {
            digest.warn("k", "again {}", i);
        }
        assertEquals(4, lines.list.size());
        now.addAndGet(61_000);
        digest.warn("k", "next window");
        assertTrue(lines.list.get(4).getFormattedMessage().startsWith("2 more warnings"), lines.list.toString());
        assertEquals("next window", lines.list.get(5).getFormattedMessage());
    }
}
