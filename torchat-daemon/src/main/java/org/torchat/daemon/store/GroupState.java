package org.torchat.daemon.store;

import java.util.Locale;

/** Where we stand in a group (docs/GROUPS.md). */
public enum GroupState {
    /** Invited, not yet answered: we hold its roster but take no messages for it. */
    INVITED,
    /** We accepted the invitation and told (or will tell) the creator; a member once its roster lists us. */
    JOINING,
    /** A member: we store, show and pass on its messages. */
    MEMBER,
    /** We left and told (or will tell) the creator; left once its roster no longer lists us. Nothing is taken. */
    LEAVING,
    /** We declined the invitation. */
    DECLINED,
    /** We left it. */
    LEFT,
    /** Its creator removed us. */
    REMOVED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static GroupState fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
