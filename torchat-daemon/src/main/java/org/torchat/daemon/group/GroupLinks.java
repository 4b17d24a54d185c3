package org.torchat.daemon.group;

import java.util.Optional;
import org.torchat.daemon.session.SessionLink;
import org.torchat.protocol.onion.OnionAddress;

/** The sessions group traffic rides on: the live one with a peer, and dialling one. */
public interface GroupLinks {
    Optional<SessionLink> link(OnionAddress peer);

    /** Dials {@code peer} soon unless a session with it is live; group frames for it go once it opens. */
    void dialSoon(OnionAddress peer);

    /**
     * {@code peer} left a roster (or we left the group): its session ends unless it is a contact or still shares a
     * group with us, so a removed member that is not our contact hears nothing more from us.
     */
    void reconsider(OnionAddress peer);
}
