package org.torchat.daemon.transfer;

import java.util.Optional;
import org.torchat.daemon.config.FileAcceptance;
import org.torchat.daemon.config.Strangers;
import org.torchat.daemon.store.Contact;
import org.torchat.daemon.store.ContactState;
import org.torchat.daemon.store.Contacts;
import org.torchat.protocol.onion.OnionAddress;

/**
 * Who may offer us files, and which offers start without asking our user ({@code strangers}, {@code fileaccept},
 * {@code fileautoacceptmax}). A blocked address's offer is refused exactly as our user refusing it would be, so
 * blocking is not revealed; a stranger (not a contact) may offer only with {@code strangers: allow}, because a
 * request is a message to read first, not a file; and "contacts" accepts by itself only from contacts.
 */
final class AcceptancePolicy {
    /** What the sender hears for a blocked address: the same as for an offer our user refused. */
    static final String REFUSED = "refused by the recipient";

    private final FileAcceptance mode;
    private final long autoAcceptMax;
    private final Strangers strangers;
    private final Contacts contacts;

    AcceptancePolicy(FileAcceptance mode, long autoAcceptMax, Strangers strangers, Contacts contacts) {
        this.mode = mode;
        this.autoAcceptMax = autoAcceptMax;
        this.strangers = strangers;
        this.contacts = contacts;
    }

    /** Why an offer from {@code peer} is not even considered; empty when it may be. */
    Optional<String> refusal(OnionAddress peer) {
        Optional<Contact> contact = contacts.find(peer);
        // Strangers first: a blocked stranger hears what every stranger hears, so the block stays invisible.
        if (strangers != Strangers.ALLOW
                && contact.map(c -> c.state() != ContactState.CONTACT).orElse(true)) {
            return Optional.of("file offers are taken from contacts only; write a message first");
        }
        if (contact.map(Contact::blocked).orElse(false)) {
            return Optional.of(REFUSED);
        }
        return Optional.empty();
    }

    boolean acceptsAtOnce(OnionAddress peer, long size) {
        if (size > autoAcceptMax) {
            return false;
        }
        return switch (mode) {
            case ASK -> false;
            case CONTACTS -> isContact(contacts.find(peer));
            case ALL -> true;
        };
    }

    private static boolean isContact(Optional<Contact> contact) {
        return contact.map(c -> c.state() == ContactState.CONTACT && !c.blocked())
                .orElse(false);
    }
}
