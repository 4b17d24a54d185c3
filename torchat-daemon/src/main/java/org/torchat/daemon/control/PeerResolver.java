package org.torchat.daemon.control;

import java.util.Optional;
import org.torchat.daemon.net.Arguments;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Contacts;
import org.torchat.protocol.Nicknames;
import org.torchat.protocol.onion.OnionAddress;

/**
 * The one place where a client's name for a peer becomes an address: an onion address, or a contact's nickname
 * (any letter case). Only client commands use it; a peer's frames name peers by address only.
 */
public final class PeerResolver {
    private final Contacts contacts;

    public PeerResolver(Contacts contacts) {
        this.contacts = contacts;
    }

    public OnionAddress resolve(String text, String field) throws RequestException {
        if (!text.isBlank() && !Nicknames.looksLikeAddress(text)) {
            Optional<OnionAddress> named = contacts.byNickname(text);
            if (named.isPresent()) {
                return named.get();
            }
            try {
                Arguments.onion(text, field);
            } catch (RequestException e) {
                throw new RequestException(e.getMessage() + "; nor is it a contact's nickname");
            }
        }
        return Arguments.onion(text, field);
    }
}
