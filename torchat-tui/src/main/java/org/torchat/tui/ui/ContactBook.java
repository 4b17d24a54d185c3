package org.torchat.tui.ui;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.torchat.protocol.Nicknames;
import org.torchat.protocol.onion.InvalidOnionAddressException;
import org.torchat.protocol.onion.OnionAddress;
import org.torchat.tui.daemon.ContactEntry;

/** The daemon's contact list as the client needs it: who is a contact, nicknames for display and for typing. */
final class ContactBook {
    /** Address to nickname. */
    private final Map<String, String> nicknames = new HashMap<>();

    private final Set<String> contacts = new HashSet<>();
    /** Address to presence, for contacts that are not offline. */
    private final Map<String, String> presence = new HashMap<>();

    /** Takes the daemon's list (CONTACTS); returns the contacts to list as peers (not blocked). */
    List<String> set(List<ContactEntry> entries) {
        nicknames.clear();
        contacts.clear();
        presence.clear();
        List<String> listed = new ArrayList<>();
        for (ContactEntry c : entries) {
            if ("contact".equals(c.state())) {
                contacts.add(c.address());
                if (!c.blocked()) {
                    listed.add(c.address());
                }
            }
            if (c.nickname() != null) {
                nicknames.put(c.address(), c.nickname());
            }
            if (c.online()) {
                presence.put(c.address(), c.presence());
            }
        }
        return listed;
    }

    boolean isContact(String peer) {
        return contacts.contains(peer);
    }

    /** The mark before a peer's name: {@code *} online, {@code ~} away, a space when offline or not a contact. */
    String presenceMark(String peer) {
        return switch (presence.getOrDefault(peer, "offline")) {
            case "online" -> "*";
            case "away" -> "~";
            default -> " ";
        };
    }

    /** How the peer is shown: its nickname, else its address. */
    String displayName(String peer) {
        return nicknames.getOrDefault(peer, peer);
    }

    Collection<String> nicknames() {
        return nicknames.values();
    }

    /**
     * What the user typed for a peer, as an address: a contact's nickname (any letter case) or an onion address.
     * Throws with the reason when it is neither.
     */
    String resolve(String text) throws InvalidOnionAddressException {
        if (!Nicknames.looksLikeAddress(text)) {
            for (Map.Entry<String, String> e : nicknames.entrySet()) {
                if (Nicknames.key(e.getValue()).equals(Nicknames.key(text))) {
                    return e.getKey();
                }
            }
            try {
                OnionAddress.parse(text);
            } catch (InvalidOnionAddressException e) {
                throw new InvalidOnionAddressException(e.getMessage() + "; nor is it a contact's nickname");
            }
        }
        return OnionAddress.parse(text).hostname();
    }
}
