package org.torchat.daemon.store;

import java.util.Locale;

/** What an address in the contacts table is to the user. */
public enum ContactState {
    /** In the contact list: added, accepted, or written to by the user. */
    CONTACT,
    /** A stranger who wrote to us; waits for the user to accept or block it. */
    REQUEST,
    /** Known only from history or a block (a removed contact, an address blocked before it wrote). */
    STRANGER;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ContactState fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
