package org.torchat.daemon.peer;

import java.util.function.Function;
import org.torchat.daemon.config.Strangers;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.PeerStanding;
import org.torchat.protocol.onion.OnionAddress;

/**
 * The door of the peer port for frames that name a sender: sorts each into its {@link TrafficClass} with one
 * indexed lookup, refuses at once what no check could make acceptable (an unsigned frame in the name of a peer that
 * signs, a stranger where only contacts may write), and spends the class's shared budget, all before the costly
 * part (the signature check, the store). Once the sender is authenticated, {@link #admit} spends its own budget.
 */
public final class SenderGate {
    private final Function<OnionAddress, PeerStanding> standing;
    private final PeerBudgets budgets;
    private final Strangers strangers;

    public SenderGate(Function<OnionAddress, PeerStanding> standing, PeerBudgets budgets, Strangers strangers) {
        this.standing = standing;
        this.budgets = budgets;
        this.strangers = strangers;
    }

    /** No rate limits, strangers allowed: for tests of what lies behind the gate. */
    public static SenderGate unlimited(Function<OnionAddress, PeerStanding> standing) {
        return new SenderGate(
                standing, new PeerBudgets(new PeerBudgets.Limits(0, 1, 0, 1, 0, 1), 1, () -> 0L), Strangers.ALLOW);
    }

    /** The class of a frame from {@code claimed}, signed or not; refuses it, or spends the class budget. */
    public TrafficClass enter(OnionAddress claimed, boolean signed) throws RequestException {
        PeerStanding peer = standing.apply(claimed);
        if (!signed && peer.signs()) {
            // A daemon that signs signs every message: unsigned, in the name of a peer that has signed, it is
            // someone else writing as that peer (into a contact's conversation, past a block or the strangers rule).
            throw new RequestException("unsigned message refused: " + claimed + " signs its messages (a signed one "
                    + "arrived before), so an unsigned one in its name is most likely forged; not stored");
        }
        if (!peer.contact() && strangers == Strangers.CONTACTS) {
            throw notAccepted(claimed);
        }
        TrafficClass trafficClass = classify(peer, signed);
        budgets.admitClass(trafficClass);
        return trafficClass;
    }

    /** Spends the sender's own budget, once its signature (if any) has been checked. */
    public void admit(TrafficClass trafficClass, OnionAddress sender) throws RequestException {
        budgets.admitSender(trafficClass, sender);
    }

    /** The refusal of a stranger's message where only contacts may write: the same words whoever asks. */
    public static RequestException notAccepted(OnionAddress sender) {
        return new RequestException("not accepted: this daemon takes messages only from its contacts, and " + sender
                + " is not one of them (its owner can add it: the message may then be sent again)");
    }

    private static TrafficClass classify(PeerStanding peer, boolean signed) {
        if (!peer.contact() || peer.blocked()) {
            return TrafficClass.STRANGER;
        }
        return signed ? TrafficClass.CONTACT : TrafficClass.UNSIGNED_CONTACT;
    }
}
