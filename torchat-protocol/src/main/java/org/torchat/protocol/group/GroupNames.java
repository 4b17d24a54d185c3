package org.torchat.protocol.group;

import java.util.Optional;

/** What a group's name may be: what the user sees in lists, chosen by its creator. */
public final class GroupNames {
    public static final int MAX_LENGTH = 64;

    private GroupNames() {}

    /** Why {@code name} is not acceptable, or empty when it is. */
    public static Optional<String> problem(String name) {
        if (name.isBlank()) {
            return Optional.of("a group's name may not be empty");
        }
        int length = name.codePointCount(0, name.length());
        if (length > MAX_LENGTH) {
            return Optional.of("a group's name has at most " + MAX_LENGTH + " characters, this has " + length);
        }
        if (name.codePoints().anyMatch(GroupNames::unprintable)) {
            return Optional.of("a group's name may not contain control or format characters, nor a lone surrogate");
        }
        if (!name.strip().equals(name)) {
            return Optional.of("a group's name may not begin or end with a space");
        }
        return Optional.empty();
    }

    /**
     * Control characters, lone surrogates and format characters, except the joiners emoji and scripts need: the
     * zero-width joiner (family and profession emoji), the non-joiner (Persian, Indic scripts) and tag characters
     * (subdivision flags). Those cannot reorder text; the bidirectional overrides, also format characters, can.
     */
    private static boolean unprintable(int c) {
        int type = Character.getType(c);
        if (c == 0x200D || c == 0x200C || (c >= 0xE0020 && c <= 0xE007F)) {
            return false;
        }
        return Character.isISOControl(c) || type == Character.FORMAT || type == Character.SURROGATE;
    }
}
