package org.torchat.daemon.session;

import java.util.Locale;
import java.util.Optional;

/** What a contact's daemon says of its user, and what we say of ours (docs/PROTOCOL.md, "Presence"). */
public enum Presence {
    ONLINE,
    AWAY,
    OFFLINE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The presence a PRESENCE frame may carry (online or away), or empty. */
    public static Optional<Presence> fromFrame(String text) {
        return switch (text) {
            case "online" -> Optional.of(ONLINE);
            case "away" -> Optional.of(AWAY);
            default -> Optional.empty();
        };
    }
}
