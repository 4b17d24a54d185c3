package org.torchat.daemon.transfer;

import org.torchat.daemon.config.FileAcceptance;
import org.torchat.daemon.store.Transfers;
import org.torchat.protocol.onion.OnionAddress;

/**
 * Whether an incoming offer starts without asking our user ({@code fileaccept}, {@code fileautoacceptmax}). A known
 * contact is a peer we have sent a message to: someone we chose to talk to, which no stranger can make themselves.
 */
final class AcceptancePolicy {
    private final FileAcceptance mode;
    private final long autoAcceptMax;
    private final Transfers transfers;

    AcceptancePolicy(FileAcceptance mode, long autoAcceptMax, Transfers transfers) {
        this.mode = mode;
        this.autoAcceptMax = autoAcceptMax;
        this.transfers = transfers;
    }

    boolean acceptsAtOnce(OnionAddress peer, long size) {
        if (size > autoAcceptMax) {
            return false;
        }
        return switch (mode) {
            case ASK -> false;
            case CONTACTS -> transfers.messagedBefore(peer);
            case ALL -> true;
        };
    }
}
