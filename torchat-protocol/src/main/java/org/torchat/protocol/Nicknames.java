package org.torchat.protocol;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules for contact nicknames, shared by the daemon (which enforces them) and clients (which tell a nickname
 * from an address). A nickname stands for an onion address wherever a client command takes one, so it must never
 * be mistaken for one: it may not look like an address, nor be {@code localhost} (the seed's "no peer").
 */
public final class Nicknames {
    /** As Ricochet: long enough for a name, short enough for the peer list. */
    public static final int MAX_LENGTH = 30;

    private static final Pattern BASE32_ID = Pattern.compile("[a-z2-7]{16}|[a-z2-7]{56}");

    private Nicknames() {}

    /** Why {@code nickname} is not acceptable, or empty when it is. Uniqueness is the store's to check. */
    public static Optional<String> problem(String nickname) {
        if (nickname.isBlank()) {
            return Optional.of("a nickname may not be empty");
        }
        int length = nickname.codePointCount(0, nickname.length());
        if (length > MAX_LENGTH) {
            return Optional.of("a nickname has at most " + MAX_LENGTH + " characters, this has " + length);
        }
        if (nickname.codePoints().anyMatch(Nicknames::isControl)) {
            return Optional.of("a nickname may not contain control characters");
        }
        if (!nickname.strip().equals(nickname)) {
            return Optional.of("a nickname may not begin or end with a space");
        }
        if (looksLikeAddress(nickname) || key(nickname).equals("localhost")) {
            return Optional.of("'" + nickname + "' looks like an address; a nickname must not");
        }
        return Optional.empty();
    }

    /** Whether {@code text} is meant as an onion address (valid or not) rather than a nickname. */
    public static boolean looksLikeAddress(String text) {
        String t = key(text.strip());
        return t.endsWith(".onion") || BASE32_ID.matcher(t).matches();
    }

    /** The form two nicknames are compared in: they are the same nickname when their keys are equal. */
    public static String key(String nickname) {
        return nickname.toLowerCase(Locale.ROOT);
    }

    private static boolean isControl(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL
                || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }
}
