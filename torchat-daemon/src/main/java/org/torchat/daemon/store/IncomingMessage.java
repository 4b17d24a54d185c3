package org.torchat.daemon.store;

import java.time.Instant;
import org.torchat.protocol.onion.OnionAddress;

/** A message a peer delivered to us, as the daemon keeps it. */
public record IncomingMessage(OnionAddress peer, String text, Instant receivedAt) {
}
