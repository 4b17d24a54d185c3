package org.torchat.daemon.session;

import org.torchat.daemon.net.RequestException;
import org.torchat.protocol.onion.OnionAddress;

/**
 * What a one-to-one message from someone who is not our contact must pass inside a session (a fellow group member
 * holds one with us): the same strangers' budget and rule a one-shot RECV from a stranger passes on the peer port.
 */
@FunctionalInterface
public interface StrangerGate {
    /** @throws RequestException when the strangers' rule or budget refuses it (the sender is told why) */
    void admit(OnionAddress sender) throws RequestException;
}
