package org.torchat.protocol.backup;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Where a backup's passphrase comes from, in this order: a file named on the command line (its first line), the
 * environment variable {@link #ENV} (for scripts), else the terminal without echo. Never a command-line argument:
 * other users of the machine can read those in ps.
 */
public final class Passphrases {
    public static final String ENV = "TORCHAT_BACKUP_PASSPHRASE";
    /** Shorter ones are refused: a backup carries the identity key, and whoever guesses the passphrase has it. */
    public static final int MIN_LENGTH = 8;

    private Passphrases() {}

    /** A passphrase cannot be had; the message says what to do. */
    public static final class UnavailableException extends Exception {
        public UnavailableException(String message) {
            super(message);
        }
    }

    /**
     * The passphrase from {@code file}, else {@code env}'s {@link #ENV}, else {@code console}; {@code confirm} asks
     * twice on the terminal (a backup written with a mistyped passphrase would be lost).
     */
    public static char[] obtain(Path file, Map<String, String> env, Console console, String prompt, boolean confirm)
            throws UnavailableException {
        char[] passphrase = file != null ? fromFile(file) : fromEnvironment(env).orElse(null);
        if (passphrase == null) {
            passphrase = fromConsole(console, prompt, confirm);
        }
        if (passphrase.length < MIN_LENGTH) {
            Arrays.fill(passphrase, '\0');
            throw new UnavailableException("the passphrase must have at least " + MIN_LENGTH + " characters");
        }
        return passphrase;
    }

    private static char[] fromFile(Path file) throws UnavailableException {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int newline = text.indexOf('\n');
            String line = newline < 0 ? text : text.substring(0, newline);
            return (line.endsWith("\r") ? line.substring(0, line.length() - 1) : line).toCharArray();
        } catch (IOException e) {
            throw new UnavailableException("cannot read the passphrase file " + file + ": " + e.getMessage());
        }
    }

    private static Optional<char[]> fromEnvironment(Map<String, String> env) {
        String value = env.get(ENV);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value.toCharArray());
    }

    private static char[] fromConsole(Console console, String prompt, boolean confirm) throws UnavailableException {
        if (console == null) {
            throw new UnavailableException(
                    "no passphrase: give --passphrase-file FILE or set " + ENV + " (there is no terminal to ask on)");
        }
        char[] first = console.readPassword("%s: ", prompt);
        if (first == null) {
            throw new UnavailableException("no passphrase was entered");
        }
        if (confirm) {
            char[] again = console.readPassword("%s (again): ", prompt);
            if (again == null || !Arrays.equals(first, again)) {
                Arrays.fill(first, '\0');
                throw new UnavailableException("the two passphrases differ");
            }
            Arrays.fill(again, '\0');
        }
        return first;
    }
}
