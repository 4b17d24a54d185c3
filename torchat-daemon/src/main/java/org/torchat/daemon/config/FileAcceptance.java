package org.torchat.daemon.config;

import java.util.Locale;

/**
 * Which incoming file offers start at once ({@code fileaccept} in torchat.conf; docs/CONFIGURATION.md). Anything not
 * accepted by the policy waits for the user (FILEACCEPT / FILEREJECT). {@code fileautoacceptmax} bounds the size
 * of what CONTACTS and ALL accept by themselves.
 */
public enum FileAcceptance {
    /** Every offer waits for the user. */
    ASK,
    /** Offers from peers we have sent a message to start at once, up to {@code fileautoacceptmax}. */
    CONTACTS,
    /** Every offer up to {@code fileautoacceptmax} starts at once. */
    ALL;

    static FileAcceptance parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + value + "' must be ask, contacts or all");
        }
    }
}
