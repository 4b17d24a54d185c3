package org.torchat.daemon.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's log files as LogSetup builds them: rolled by size, a fixed number kept, private, one line a message. */
class LogRotationTest {
    @TempDir
    Path dir;

    private static LoggerContext context() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        return context;
    }

    @Test
    void aFloodRollsTheLogOverAndKeepsItsTotalBounded() throws Exception {
        Path log = dir.resolve("info.log");
        Files.createFile(log, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        LoggerContext context = context();
        PrivateRollingFileAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                LogSetup.file(context, log, Level.INFO, new LogSetup.Limits(20_000, 2, Duration.ofMillis(50)));
        Logger logger = context.getLogger("flood");
        logger.addAppender(appender);
        String line = "y".repeat(100);
        for (int round = 0; round < 40; round++) {
            for (int i = 0; i < 50; i++) {
                logger.info("{} {}", round, line);
            }
            Thread.sleep(60); // the size is looked at every 50 ms
        }
        context.stop();

        assertTrue(Files.exists(dir.resolve("info.log.1")));
        assertTrue(Files.exists(dir.resolve("info.log.2")));
        assertFalse(Files.exists(dir.resolve("info.log.3")), "only logfiles rolled files are kept");
        long total = 0;
        for (String name : List.of("info.log", "info.log.1", "info.log.2")) {
            Path p = dir.resolve(name);
            total += Files.size(p);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), name);
        }
        assertTrue(total < 3 * (20_000 + 50 * 200), "about (logfiles + 1) x logmaxsize, got " + total);
    }

    @Test
    void peerTextCannotForgeALine() throws Exception {
        Path log = dir.resolve("error.log");
        Files.createFile(log);
        LoggerContext context = context();
        Logger logger = context.getLogger("peer");
        logger.addAppender(
                LogSetup.file(context, log, Level.WARN, new LogSetup.Limits(1_000_000, 1, Duration.ofSeconds(1))));
        logger.warn("bad command {}", "X\r\n2026-12-04 12:00:00.000 INFO  [main] Daemon - forged" + "z".repeat(9900));
        context.stop();

        List<String> lines = Files.readAllLines(log);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("X\\r\\n2026-12-04"), lines.get(0));
        assertTrue(lines.get(0).length() < 1200, "cut: " + lines.get(0).length());
    }
}
