package org.torchat.daemon.net;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The two date strings of the seed protocol. */
public final class Dates {
    /** What UPDATE answers: the local arrival time, as the C daemon's strftime("%H:%M"). */
    private static final DateTimeFormatter ARRIVAL = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    /**
     * What we put in a RECV we send: asctime() without the newline, as the C daemon did when SEND had no date, but
     * always in UTC, whatever the client sent: a local time would tell every peer the sender's time zone (the seed
     * itself says the date must not be used between hosts).
     */
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US);

    private Dates() {}

    public static String arrival(ZonedDateTime time) {
        return ARRIVAL.format(time);
    }

    public static String asctime(Clock clock) {
        return ASCTIME.format(ZonedDateTime.now(clock.withZone(ZoneOffset.UTC)));
    }
}
