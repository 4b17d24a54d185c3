package org.torchat.tui.daemon;

import java.util.Objects;
import org.torchat.protocol.Command;

/**
 * A change of the daemon's contact list: {@code peer} is an address or a nickname, {@code nickname} the new
 * nickname where the change takes one (null: none, or remove it for RENAME).
 */
public record ContactChange(Kind kind, String peer, String nickname) {
    /** The changes, each one command of the daemon. */
    public enum Kind {
        ADD(Command.ADD_CONTACT, "added"),
        RENAME(Command.RENAME, "renamed"),
        REMOVE(Command.REMOVE_CONTACT, "removed from the contacts"),
        BLOCK(Command.BLOCK, "blocked"),
        UNBLOCK(Command.UNBLOCK, "unblocked"),
        ACCEPT(Command.ACCEPT, "accepted");

        private final Command command;
        private final String pastTense;

        Kind(Command command, String pastTense) {
            this.command = command;
            this.pastTense = pastTense;
        }

        public Command command() {
            return command;
        }

        /** For the line that confirms the change: "blocked", "added"... */
        public String pastTense() {
            return pastTense;
        }
    }

    public ContactChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(peer, "peer");
    }

    public static ContactChange of(Kind kind, String peer) {
        return new ContactChange(kind, peer, null);
    }
}
