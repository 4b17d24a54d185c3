package org.torchat.daemon.seal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.Replies;
import org.torchat.daemon.net.ReplySink;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.HistorySeal;
import org.torchat.protocol.Message;
import org.torchat.protocol.seal.SealException;
import org.torchat.protocol.seal.SealKeyFile;

/**
 * UNLOCK (passphrase in {@code msg}): opens the seal key's private half, so that clients read history until LOCK or
 * the daemon's end. END "unlocked", or ERR: wrong passphrase, not sealed, already unlocked. The passphrase is never
 * logged (the listener logs commands, not their fields) and not kept: only the key it opens stays in memory.
 */
public final class UnlockHandler implements CommandHandler {
    private final HistorySeal seal;
    private final UnlockAttempts attempts;

    public UnlockHandler(HistorySeal seal, Clock clock) {
        this.seal = seal;
        this.attempts = new UnlockAttempts(clock);
    }

    @Override
    public void handle(Message request, ReplySink replies) throws RequestException, IOException {
        SealState.requireSealed(seal, "unlock");
        if (!seal.locked()) {
            throw new RequestException("already unlocked");
        }
        Duration wait = attempts.pause();
        if (!wait.isZero()) {
            throw new RequestException(
                    "too many wrong passphrases: try again in " + Math.max(1, wait.toSeconds()) + " s");
        }
        char[] passphrase = request.msg().toCharArray();
        try {
            seal.unlock(passphrase);
            attempts.right();
        } catch (SealKeyFile.WrongPassphraseException e) {
            attempts.wrong();
            throw new RequestException("wrong passphrase: history stays locked");
        } catch (SealException e) {
            throw new RequestException("cannot unlock: " + e.getMessage());
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        replies.send(Replies.end("", request.portno(), "unlocked"));
    }
}
