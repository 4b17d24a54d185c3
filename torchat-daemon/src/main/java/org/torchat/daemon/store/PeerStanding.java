package org.torchat.daemon.store;

/**
 * What we know of a sender before reading its frame further: whether it is a contact, blocked, and whether it has
 * ever sent a message with a valid signature (a peer that signs signs everything).
 */
public record PeerStanding(boolean contact, boolean blocked, boolean signs) {
    /** An address we have never heard of. */
    public static final PeerStanding UNKNOWN = new PeerStanding(false, false, false);
}
