package org.torchat.tui.ui;

import java.io.Console;
import java.util.Arrays;
import org.torchat.tui.DaemonRefusedException;
import org.torchat.tui.TorchatException;
import org.torchat.tui.daemon.DaemonApi;

/**
 * Before the full screen: a daemon whose history is sealed and locked (docs/SEALING.md) is unlocked with the
 * passphrase, asked on the terminal without echo. An empty answer goes on locked (the daemon still receives; reading
 * then says it is locked); three wrong ones too.
 */
final class UnlockPrompt {
    private static final int TRIES = 3;

    private UnlockPrompt() {}

    /** A notice for the screen: what happened, or null when there was nothing to unlock. */
    static String unlockIfLocked(DaemonApi daemon, Console console) throws TorchatException {
        if (!daemon.historyLocked()) {
            return null;
        }
        if (console == null) {
            return "History is sealed and locked: run 'torchat unlock' to read it.";
        }
        for (int i = 0; i < TRIES; i++) {
            char[] passphrase = console.readPassword("History is sealed and locked. Passphrase (empty: stay locked): ");
            if (passphrase == null || passphrase.length == 0) {
                break;
            }
            try {
                daemon.unlock(passphrase);
                return "History unlocked (until the daemon stops or 'torchat lock').";
            } catch (DaemonRefusedException e) {
                console.printf("%s%n", e.getMessage());
            } finally {
                Arrays.fill(passphrase, '\0');
            }
        }
        return "History stays locked: messages are received and stored, and shown after 'torchat unlock'.";
    }
}
