package org.torchat.daemon.logging;

import java.text.NumberFormat;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Warnings that anyone on the network can cause (bad frames, refused requests), logged one by one up to
 * {@code perWindow} in a window, then only counted by kind and summed up once the window ends:
 * "1,204 more warnings in the last minute, counted and not logged one by one: 1,180 bad frame, 24 refused RECV".
 * A flood then costs the log one line a minute. Kinds are our own words, never a peer's text, so the map stays small.
 */
public final class WarningDigest {
    private final Logger log;
    private final int perWindow;
    private final long windowMillis;
    private final LongSupplier nowMillis;
    private final Map<String, Integer> counted = new TreeMap<>();
    private long windowStart;
    private int logged;

    public WarningDigest(Logger log, int perWindow, long windowMillis, LongSupplier nowMillis) {
        this.log = log;
        this.perWindow = perWindow;
        this.windowMillis = windowMillis;
        this.nowMillis = nowMillis;
        this.windowStart = nowMillis.getAsLong();
    }

    /** Logs the warning, or counts it under {@code kind} when this window has had its share. */
    public void warn(String kind, String format, Object... args) {
        boolean write;
        synchronized (this) {
            roll(nowMillis.getAsLong());
            write = logged < perWindow;
            if (write) {
                logged++;
            } else {
                counted.merge(kind, 1, Integer::sum);
            }
        }
        if (write) {
            log.warn(format, args);
        }
    }

    /** Writes the summary of a window that has ended; called every minute so that a quiet spell still reports. */
    public synchronized void flush() {
        roll(nowMillis.getAsLong());
    }

    private void roll(long now) {
        if (now - windowStart < windowMillis) {
            return;
        }
        if (!counted.isEmpty()) {
            NumberFormat n = NumberFormat.getIntegerInstance(Locale.ENGLISH);
            int total = counted.values().stream().mapToInt(Integer::intValue).sum();
            StringJoiner kinds = new StringJoiner(", ");
            counted.forEach((kind, count) -> kinds.add(n.format(count) + " " + kind));
            log.warn(
                    "{} more warnings in the last {} s, counted and not logged one by one: {}",
                    n.format(total),
                    (now - windowStart) / 1000,
                    kinds);
            counted.clear();
        }
        windowStart = now;
        logged = 0;
    }
}
