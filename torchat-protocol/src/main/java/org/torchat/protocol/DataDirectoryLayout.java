package org.torchat.protocol;

import java.nio.file.Path;

/**
 * Where a daemon keeps its state, as both the daemon and a client on the same machine must agree on it: the
 * default data directory, and the files in it that clients read.
 */
public final class DataDirectoryLayout {
    /** The control token a local client sends in {@code auth}. */
    public static final String CONTROL_COOKIE = "control.cookie";

    private DataDirectoryLayout() {
    }

    /** {@code $TORCHAT_HOME}, else {@code ~/.torchat}. */
    public static Path defaultDataDir() {
        String home = System.getenv("TORCHAT_HOME");
        return home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".torchat");
    }
}
