package org.torchat.daemon.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import org.torchat.daemon.config.Settings;
import org.torchat.daemon.store.DataDirectory;

/**
 * Where the daemon logs. In the foreground: the console. Detached ({@code -d}): files in the data directory,
 * as the seed did: an activity log (info and up), an error log (warnings and errors) and, with
 * {@code --verbose}, a debug log. Log files are created 0600: they name our contacts. Each file rolls over at
 * {@code logmaxsize} ({@code info.log} becomes {@code info.log.1}, ...) and {@code logfiles} rolled files are kept,
 * so a log never takes more than (logfiles + 1) x logmaxsize, whatever peers make us write. Every message goes
 * through {@code %safemsg} ({@link SafeMessageConverter}): escaped and cut.
 */
public final class LogSetup {
    private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{0} - %safemsg%n";
    private static final String CONSOLE_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %safemsg%n";

    private LogSetup() {}

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
        Limits limits = new Limits(settings.logMaxSize(), settings.logFiles(), Limits.CHECK_EVERY);
        root(context)
                .addAppender(
                        file(context, dataDir.ensurePrivateFileExists(settings.activityLogName()), Level.INFO, limits));
        root(context)
                .addAppender(
                        file(context, dataDir.ensurePrivateFileExists(settings.errorLogName()), Level.WARN, limits));
        if (verbose) {
            root(context)
                    .addAppender(file(
                            context, dataDir.ensurePrivateFileExists(settings.debugLogName()), Level.DEBUG, limits));
        }
    }

    /**
     * A file rolls over at {@code maxBytes}, its size looked at every {@code checkEvery} (logback's default, a
     * minute, would let a burst overshoot by a minute's worth); {@code keep} rolled files are kept.
     */
    record Limits(long maxBytes, int keep, java.time.Duration checkEvery) {
        static final java.time.Duration CHECK_EVERY = java.time.Duration.ofSeconds(1);
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
    static PrivateRollingFileAppender<ILoggingEvent> file(
            LoggerContext context, Path path, Level threshold, Limits limits) {
        ThresholdFilter filter = new ThresholdFilter();
        filter.setLevel(threshold.toString());
        filter.start();
        PrivateRollingFileAppender<ILoggingEvent> appender = new PrivateRollingFileAppender<>();
        appender.setContext(context);
        appender.setName(path.getFileName().toString());
        appender.setFile(path.toString());
        appender.setAppend(true);
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(path + ".%i");
        rolling.setMinIndex(1);
        rolling.setMaxIndex(limits.keep());
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(new FileSize(limits.maxBytes()));
        trigger.setCheckIncrement(ch.qos.logback.core.util.Duration.buildByMilliseconds(
                limits.checkEvery().toMillis()));
        trigger.start();
        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.setEncoder(encoder(context, PATTERN));
        appender.addFilter(filter);
        appender.start();
        return appender;
    }

    private static LayoutWrappingEncoder<ILoggingEvent> encoder(LoggerContext context, String pattern) {
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.getInstanceConverterMap().put("safemsg", SafeMessageConverter::new);
        layout.setPattern(pattern);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        return encoder;
    }
}
