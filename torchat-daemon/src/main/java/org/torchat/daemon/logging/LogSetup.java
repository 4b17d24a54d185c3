package org.torchat.daemon.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import org.torchat.daemon.config.Settings;
import org.torchat.daemon.store.DataDirectory;

/**
 * Where the daemon logs. In the foreground: the console. Detached ({@code -d}): files in the data directory,
 * as the seed did: an activity log (info and up), an error log (warnings and errors) and, with
 * {@code --verbose}, a debug log. Log files are created 0600: they name our contacts.
 */
public final class LogSetup {
    private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{0} - %msg%n";
    private static final String CONSOLE_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";

    private LogSetup() {
    }

    public static void console(boolean verbose) {
        LoggerContext context = reset(verbose);
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setEncoder(encoder(context, CONSOLE_PATTERN));
        console.start();
        root(context).addAppender(console);
    }

    public static void files(DataDirectory dataDir, Settings settings, boolean verbose) throws IOException {
        LoggerContext context = reset(verbose);
        root(context).addAppender(file(context, dataDir.ensurePrivateFileExists(settings.activityLogName()), Level.INFO));
        root(context).addAppender(file(context, dataDir.ensurePrivateFileExists(settings.errorLogName()), Level.WARN));
        if (verbose) {
            root(context).addAppender(file(context, dataDir.ensurePrivateFileExists(settings.debugLogName()), Level.DEBUG));
        }
    }

    private static LoggerContext reset(boolean verbose) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        root(context).setLevel(verbose ? Level.DEBUG : Level.INFO);
        return context;
    }

    private static Logger root(LoggerContext context) {
        return context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /** {@code path} already exists with mode 0600 (DataDirectory created it), so appending keeps it private. */
    private static FileAppender<ILoggingEvent> file(LoggerContext context, Path path, Level threshold) {
        ThresholdFilter filter = new ThresholdFilter();
        filter.setLevel(threshold.toString());
        filter.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName(path.getFileName().toString());
        appender.setFile(path.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder(context, PATTERN));
        appender.addFilter(filter);
        appender.start();
        return appender;
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }
}
