package org.torchat.daemon.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torchat.daemon.StartupException;
import org.torchat.protocol.DataDirectoryLayout;

/**
 * The control token in {@code DATA_DIR/control.cookie} (mode 0600): 32 random bytes as 64 lowercase hex
 * characters and a newline. Created on first start and kept across starts, so that a client that has read it
 * once keeps working. Clients on this machine read it to prove they may use the control port.
 */
public final class ControlCookie {
    public static final String FILE_NAME = DataDirectoryLayout.CONTROL_COOKIE;
    private static final Logger LOG = LoggerFactory.getLogger(ControlCookie.class);
    private static final int BYTES = 32;
    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{" + (2 * BYTES) + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ControlCookie() {}

    /** The token (the hex text) from the cookie file, which is created (or replaced, if damaged) first. */
    public static String loadOrCreate(DataDirectory dataDir) throws StartupException {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                dataDir.ensurePrivateFile(file);
                String token = Files.readString(file, StandardCharsets.US_ASCII).strip();
                if (FORMAT.matcher(token).matches()) {
                    return token;
                }
                LOG.warn("{} is damaged (not {} hex characters); writing a new control token", file, 2 * BYTES);
            }
            byte[] secret = new byte[BYTES];
            RANDOM.nextBytes(secret);
            String token = HexFormat.of().formatHex(secret);
            dataDir.writeAtomically(FILE_NAME, token + "\n");
            return token;
        } catch (IOException e) {
            throw new StartupException("cannot use control token file " + file + ": " + e.getMessage(), e);
        }
    }
}
