package org.torchat.daemon.store;

import java.time.Instant;
import org.torchat.protocol.onion.OnionAddress;

/**
 * One row of the contacts table as clients see it. {@code nickname} and {@code lastSeen} may be null;
 * {@code firstMessage} is the oldest message the peer sent us, for a request's preview: only {@link Contacts#requests}
 * reads it (null elsewhere, and when none).
 */
public record Contact(
        OnionAddress address,
        String nickname,
        ContactState state,
        Instant addedAt,
        Instant lastSeen,
        int unread,
        boolean blocked,
        long droppedWhileBlocked,
        boolean verified,
        String firstMessage) {}
