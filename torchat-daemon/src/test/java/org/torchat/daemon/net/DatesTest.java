package org.torchat.daemon.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.net.URLClassLoader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class DatesTest {
    @Test
    void asctimeIsTheCDaemonsFormat() {
        assertEquals(
                "Wed Nov 25 18:56:20 2026",
                Dates.asctime(Clock.fixed(Instant.parse("2026-11-25T18:56:20Z"), ZoneOffset.UTC)));
    }

    @Test
    void asctimePadsTheDayWithASpace() {
        assertEquals(
                "Thu Nov  5 07:03:09 2026",
                Dates.asctime(Clock.fixed(Instant.parse("2026-11-05T07:03:09Z"), ZoneOffset.UTC)));
        assertEquals(
                "Mon Feb  1 00:00:00 2027",
                Dates.asctime(Clock.fixed(Instant.parse("2027-02-01T00:00:00Z"), ZoneOffset.UTC)));
    }

    @Test
    void asctimeIsUtcWhateverTheClocksZone() {
        assertEquals(
                "Thu Nov  5 07:03:09 2026",
                Dates.asctime(Clock.fixed(Instant.parse("2026-11-05T07:03:09Z"), ZoneId.of("Europe/Berlin"))));
    }

    @Test
    void arrivalIsHoursAndMinutesOnA24HourClock() {
        assertEquals("18:57", Dates.arrival(ZonedDateTime.parse("2026-11-25T18:57:59Z")));
        assertEquals("09:05", Dates.arrival(ZonedDateTime.parse("2026-11-25T09:05:00Z")));
        assertEquals("00:00", Dates.arrival(ZonedDateTime.parse("2026-11-25T00:00:00Z")));
    }

    /**
     * The formatters are built when Dates is loaded, so the class is loaded afresh (from the same class files,
     * in a loader of its own) while a German default locale is in force.
     */
    @Test
    void asctimeIsEnglishWhateverTheDefaultLocale() throws Exception {
        Locale before = Locale.getDefault();
        URL classes = Dates.class.getProtectionDomain().getCodeSource().getLocation();
        Locale.setDefault(Locale.GERMANY);
        try (URLClassLoader fresh = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            Class<?> dates = Class.forName(Dates.class.getName(), true, fresh);
            assertEquals(fresh, dates.getClassLoader(), "Dates must be loaded afresh for this test to mean anything");

            Object text = dates.getMethod("asctime", Clock.class)
                    .invoke(null, Clock.fixed(Instant.parse("2026-12-03T18:56:20Z"), ZoneOffset.UTC));

            assertEquals("Thu Dec  3 18:56:20 2026", text);
        } finally {
            Locale.setDefault(before);
        }
    }
}
