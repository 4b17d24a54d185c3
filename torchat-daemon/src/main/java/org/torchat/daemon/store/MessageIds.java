package org.torchat.daemon.store;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Message ids: 128 random bits, hex. Ids from peers are accepted in a bounded, harmless alphabet. */
public final class MessageIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9_-]{16,64}");

    private MessageIds() {}

    public static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public static boolean isAcceptable(String id) {
        return id != null && ACCEPTED.matcher(id).matches();
    }
}
