package org.torchat.daemon.group;

import java.util.Optional;
import org.torchat.daemon.session.SessionLink;
import org.torchat.protocol.onion.OnionAddress;

/** The sessions group traffic rides on: the live one with a peer, and dialling one. */
public interface GroupLinks {
    Optional<SessionLink> link(OnionAddress peer);

    /** Dials {@code peer} soon unless a session with it is live; group frames for it go once it opens. */
    void dialSoon(OnionAddress peer);
}
