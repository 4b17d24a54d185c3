package org.torchat.daemon.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %safemsg}: the log message through {@link LogText#escape}. Every message goes through it, so no call site
 * can forget to escape what a peer sent (a {@code cmd} with CR/LF would otherwise forge log lines).
 */
public final class SafeMessageConverter extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return LogText.escape(event.getFormattedMessage(), LogText.MAX_CHARS);
    }
}
