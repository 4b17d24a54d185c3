package org.torchat.daemon.config;

import java.util.Locale;

/** Whether strangers (addresses that are not contacts) may write to us (torchat.conf {@code strangers:}). */
public enum Strangers {
    /** Stored and listed by GET_PEERS like a contact's messages, as before contacts existed; also a request. */
    ALLOW,
    /** Stored as a request: listed by REQUESTS, not by GET_PEERS, until the user accepts or blocks it. */
    REQUESTS,
    /** Refused with ERR, nothing stored: only contacts get through. */
    CONTACTS;

    static Strangers parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + value + "' is not one of allow, requests, contacts");
        }
    }
}
