package org.torchat.protocol.group;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A group's id: 32 lowercase hex digits (16 random bytes), chosen by its creator. */
public final class GroupIds {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private GroupIds() {}

    public static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** @throws IllegalArgumentException unless {@code id} is a group id */
    static void require(String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException("a group id is 32 lowercase hex digits, not '" + id + "'");
        }
    }
}
