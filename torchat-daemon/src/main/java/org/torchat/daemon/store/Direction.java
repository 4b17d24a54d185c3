package org.torchat.daemon.store;

import java.util.Locale;

/** Whether a peer wrote the message to us, or we to the peer. */
public enum Direction {
    IN,
    OUT;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Direction fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
