package org.torchat.protocol;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a daemon keeps its state, as both the daemon and a client on the same machine must agree on it: the
 * default data directory, and the files in it that clients read.
 */
public final class DataDirectoryLayout {
    /** The control token a local client sends in {@code auth}. */
    public static final String CONTROL_COOKIE = "control.cookie";

    private DataDirectoryLayout() {}

    /** {@code $TORCHAT_HOME}, else {@code ~/.torchat}, where {@code ~} is {@link #homeDirectory()}. */
    public static Path defaultDataDir() {
        return defaultDataDir(System.getenv(), System.getProperty("user.home"));
    }

    static Path defaultDataDir(Map<String, String> env, String userHome) {
        String home = env.get("TORCHAT_HOME");
        return home != null && !home.isBlank()
                ? Path.of(home)
                : homeDirectory(env, userHome).resolve(".torchat");
    }

    /**
     * The user's home directory: {@code $HOME} as shells, SSH and every Unix tool take it, else the JVM's
     * {@code user.home}, which comes from the password file and ignores {@code $HOME}.
     */
    public static Path homeDirectory() {
        return homeDirectory(System.getenv(), System.getProperty("user.home"));
    }

    static Path homeDirectory(Map<String, String> env, String userHome) {
        String home = env.get("HOME");
        return home != null && !home.isBlank() && Path.of(home).isAbsolute() ? Path.of(home) : Path.of(userHome);
    }
}
