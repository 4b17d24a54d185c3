package org.torchat.tui.daemon;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.torchat.protocol.DataDirectoryLayout;
import org.torchat.tui.UsageException;

/**
 * A daemon's control token, read from its {@code control.cookie} (or a copy given with {@code --token-file}).
 * Sent in the {@code auth} field of every request. {@link #toString()} never shows the token.
 */
public final class ControlToken {
    /** The cookie file's name in the daemon's data directory. */
    public static final String COOKIE = DataDirectoryLayout.CONTROL_COOKIE;

    private final String value;
    private final Path source;
    private final boolean explicit;

    private ControlToken(String value, Path source, boolean explicit) {
        this.value = value;
        this.source = source;
        this.explicit = explicit;
    }

    /** The token text; only for the {@code auth} field. */
    public String value() {
        return value;
    }

    /** The file it was read from. */
    public Path source() {
        return source;
    }

    /** Whether it came from {@code --token-file} (rather than found in the data directory). */
    public boolean explicit() {
        return explicit;
    }

    @Override
    public String toString() {
        return "ControlToken[from " + source + "]";
    }

    /**
     * The token to send to the daemon at {@code host}: from {@code tokenFile} if given (it must be readable);
     * else, when {@code host} is this machine, from {@code dataDir/control.cookie} if that is readable; else none.
     * A daemon on another machine never gets our own daemon's token unless it is named with --token-file.
     */
    public static Optional<ControlToken> find(String host, Path tokenFile, Path dataDir) throws UsageException {
        if (tokenFile != null) {
            try {
                return Optional.of(new ControlToken(read(tokenFile), tokenFile, true));
            } catch (IOException e) {
                throw new UsageException("--token-file " + tokenFile + ": cannot read the control token: "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
        }
        Path cookie = dataDir.resolve(COOKIE);
        if (!isThisMachine(host) || !Files.isRegularFile(cookie) || !Files.isReadable(cookie)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ControlToken(read(cookie), cookie, false));
        } catch (IOException e) {
            return Optional.empty(); // as if it were not there: the daemon says whether it needs one
        }
    }

    private static String read(Path file) throws IOException {
        String token = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (token.isEmpty() || token.length() > 1024 || !token.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new IOException("it does not hold a control token (a line of hex digits)");
        }
        return token;
    }

    /** The daemon's default data directory, as torchatd chooses it: $TORCHAT_HOME, else ~/.torchat. */
    public static Path defaultDataDir() {
        return DataDirectoryLayout.defaultDataDir();
    }

    /** Whether every address {@code host} stands for is one of this machine's own (loopback or an interface). */
    static boolean isThisMachine(String host) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            for (InetAddress a : addresses) {
                if (!a.isLoopbackAddress() && !a.isAnyLocalAddress() && NetworkInterface.getByInetAddress(a) == null) {
                    return false;
                }
            }
            return addresses.length > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
