package org.torchat.daemon.store;

import java.time.Instant;
import org.torchat.protocol.onion.OnionAddress;

/**
 * One row of the contacts table as clients see it. {@code nickname} and {@code lastSeen} may be null;
 * {@code firstMessage} is the oldest message the peer sent us (null when none), for a request's preview.
 */
public record Contact(OnionAddress address, String nickname, ContactState state, Instant addedAt, Instant lastSeen,
                      int unread, boolean blocked, long droppedWhileBlocked, boolean verified, String firstMessage) {
}
