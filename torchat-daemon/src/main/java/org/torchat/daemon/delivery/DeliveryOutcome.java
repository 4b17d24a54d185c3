package org.torchat.daemon.delivery;

/** How far a delivered message is known to have got. */
public enum DeliveryOutcome {
    /** The peer's daemon confirmed it (a TORchat for Java peer answers END). */
    ACKNOWLEDGED,
    /** Written to the peer, which closed without confirming (the original C daemon never answers). */
    SENT
}
